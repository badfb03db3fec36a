namespace Vepp2k.Control.Devices;

/// <summary>
/// A magnet power supply as the control system sees it. The simulator implements it; a CAN-bus driver
/// (IST/CDAC20 channels iset, iset_cur, dcct1, dcct2, u2, is_on, ilk_*, c_ilk_*) could implement it too.
/// A refused command leaves the device unchanged.
/// </summary>
public interface IPowerSupply
{
    string Name { get; }

    SupplyParameters Parameters { get; }

    SupplyState State { get; }

    /// <summary>Requested current [A] (iset).</summary>
    double Setpoint { get; }

    /// <summary>Current the regulator follows now [A] (iset_cur): walks towards <see cref="Setpoint"/> at the dI/dt limit.</summary>
    double RampedSetpoint { get; }

    /// <summary>First DCCT readback [A].</summary>
    double Dcct1 { get; }

    /// <summary>Second, independent DCCT readback [A].</summary>
    double Dcct2 { get; }

    /// <summary>Output voltage [V] (u2).</summary>
    double OutputVoltage { get; }

    /// <summary>Sign of the output reversing switch: +1 or -1 (always +1 on unipolar supplies).</summary>
    int Polarity { get; }

    /// <summary>Interlock inputs active now.</summary>
    InterlockBits LiveInterlocks { get; }

    /// <summary>Interlocks that tripped since the last reset (c_ilk_*).</summary>
    InterlockBits LatchedInterlocks { get; }

    CommandResult SwitchOn();

    CommandResult SwitchOff();

    CommandResult SetCurrent(double amperes);

    CommandResult ResetInterlocks();

    /// <summary>Brings state and readbacks up to now (a driver polls; the simulator integrates).</summary>
    void Update();
}
