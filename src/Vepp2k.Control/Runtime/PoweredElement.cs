using Vepp2k.Control.Devices;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// One independently powered element as the operator sees it: a supply, the magnet(s) it drives
/// (the 8 dipoles share the main supply PS), its channel base path in the VEPP-2000 tree and its
/// subsystem. Name is the facility name: PS, 1F1, 2S3, 1F1X ...
/// </summary>
public sealed class PoweredElement(string name, string path, IReadOnlyList<Magnet> magnets, IPowerSupply supply)
{
    public string Name { get; } = name;
    public string Path { get; } = path;
    public IReadOnlyList<Magnet> Magnets { get; } = magnets;
    /// <summary>The supply, through the hardware interface only: simulated or a real driver.</summary>
    public IPowerSupply Supply { get; } = supply;

    /// <summary>
    /// The current the operator asked for [A], what SCur/SetCur and the strength channel read: the
    /// target of the latest accepted request at once, while the supply is still ramping towards it
    /// (the ramp itself reads on RCur). Where a ramp stops short (abort), the request becomes where it
    /// stopped; a supply that is switched off or trips asks for 0 A, which is what it then does.
    /// </summary>
    public double Request { get; internal set; } = supply.Setpoint;

    /// <summary>What the supply really runs now [A]: its ramp setpoint while on, 0 A while off, tripped or switching off.</summary>
    public double Running => Supply.State is Devices.SupplyState.On or Devices.SupplyState.SwitchingOn or Devices.SupplyState.ReversingPolarity
        ? Supply.Setpoint
        : 0;

    /// <summary>The mean of the two DCCT readbacks [A].</summary>
    public double Readback => 0.5 * (Supply.Dcct1 + Supply.Dcct2);

    /// <summary>
    /// How close the readback must be to count as arrived [A]: 1e-4 of the supply's full scale, and never
    /// under 5 rms of its readback noise (1 A on the 10 kA dipole supply, 75 mA on a quad, 3 mA on a corrector).
    /// </summary>
    public double ArrivalTolerance => Math.Max(1e-4 * Supply.Parameters.MaxCurrent, 5 * Supply.Parameters.NoiseRms);

    /// <summary>On, and the readback within <see cref="ArrivalTolerance"/> of the target.</summary>
    public bool HasArrived(double target) => Supply.State == Devices.SupplyState.On && Math.Abs(Readback - target) <= ArrivalTolerance;

    /// <summary>The magnet whose excitation curve converts this element's current.</summary>
    public Magnet Model => Magnets[0];

    public string Subsystem => Runtime.Subsystem.Of(Model.Kind);

    public bool IsSolenoid => Model.Kind == MagnetKind.SolenoidSection;

    /// <summary>Name of the physics strength channel: K1, KS, Angle, Kick, K1S, K2.</summary>
    public string StrengthName => Model.Kind switch
    {
        MagnetKind.Dipole => "Angle",
        MagnetKind.Quadrupole or MagnetKind.QuadrupoleTrim => "K1",
        MagnetKind.SolenoidSection => "KS",
        MagnetKind.SkewQuadrupole => "K1S",
        MagnetKind.Sextupole => "K2",
        _ => "Kick",
    };

    /// <summary>UM corrector channels use Cur/SetCur/Vol; quads, solenoids and PS use MCur/SCur/Volt.</summary>
    public bool UmStyle => Model.Kind is not (MagnetKind.Dipole or MagnetKind.Quadrupole or MagnetKind.SolenoidSection);

    public string SetpointChannel => Path + (UmStyle || Model.Kind == MagnetKind.Dipole ? "/SetCur" : "/SCur");

    public override string ToString() => Name;
}
