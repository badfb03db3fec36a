using Vepp2k.Control.Nmr;
using Vepp2k.Control.Quench;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Devices;

/// <summary>
/// The hardware provider the control core drives: every powered element with its
/// <see cref="IPowerSupply"/>, the solenoids' quench protection and the NMR probes. The core talks
/// to supplies only through <see cref="IPowerSupply"/>, so a real driver (the BINP CAN-bus CDAC/CEAC
/// supplies) plugs in by implementing these interfaces and being given to
/// <see cref="ControlSystemOptions.Hardware"/>; the simulator (<see cref="SimulatedHardware"/>) is
/// the default provider. docs/operations.md says how.
/// </summary>
public interface IMagnetHardware
{
    /// <summary>Every independently powered element; the first is the dipole supply PS.</summary>
    IReadOnlyList<PoweredElement> Elements { get; }

    /// <summary>The solenoids 1S..4S in quadrant order.</summary>
    IReadOnlyList<IQuenchProtection> Solenoids { get; }

    IReadOnlyList<INmrProbe> Probes { get; }

    /// <summary>
    /// Brings every device's state and readbacks up to now: a driver polls its bus, the simulator
    /// integrates its models. The device loop calls this before each tick.
    /// </summary>
    void Update();
}
