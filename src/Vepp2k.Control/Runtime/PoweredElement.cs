using Vepp2k.Control.Devices;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// One independently powered element as the operator sees it: a supply, the magnet(s) it drives
/// (the 8 dipoles share the main supply PS), its channel base path in the VEPP-2000 tree and its
/// subsystem. Name is the facility name: PS, 1F1, 2S3, 1F1X ...
/// </summary>
public sealed class PoweredElement(string name, string path, IReadOnlyList<Magnet> magnets, SimulatedPowerSupply supply)
{
    public string Name { get; } = name;
    public string Path { get; } = path;
    public IReadOnlyList<Magnet> Magnets { get; } = magnets;
    public SimulatedPowerSupply Supply { get; } = supply;

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
