using System.Reflection;
using System.Text.Json.Serialization;
using Vepp2k.MadX;
using Vepp2k.Physics;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics.Input;

namespace Vepp2k.Machine;

/// <summary>One operating mode of the ring: an embedded MAD-X file and the design setting it was written from.</summary>
/// <param name="FieldProfile">
/// Its optics take the solenoids from the coils' field profile (SolenoidFieldOptics): the modes of the
/// design, which was fitted that way. The file's hard-edge sections then carry the setting (the coil
/// currents), not the shape of the field.
/// </param>
/// <param name="FacilityFit">
/// Built on its own layout fitted to the facility's model optics at its monitor points
/// (<see cref="OperatingFit"/>), not on the reconstructed design; its report compares the two.
/// </param>
/// <param name="Design">The design setting (strengths, solenoid fields, RF voltage, energy) the file is written from.</param>
public sealed record ModeInfo(string Name, string Description, bool RoundBeamDesign, bool FieldProfile, bool FacilityFit,
    [property: JsonIgnore] Func<RingSetting> Design);

/// <summary>
/// The one registry of operating modes: every embedded lattice file (src/Vepp2k.Machine/Lattices/*.madx,
/// loaded through the same MAD-X reader users' own files go through), its description, and the design
/// setting it comes from. Everything else (the optics command, the online model, the control system's
/// default, the web API) looks modes up here.
/// </summary>
public static class Modes
{
    public const string Default = "design-1GeV";

    public static readonly IReadOnlyList<ModeInfo> All =
    [
        new(Default, "round beams at 1 GeV, beta* = 10 cm, double-rotation solenoids (+90 / -90 degrees)", true, true, false,
            () => ModeDesigns.OneGeV(SolenoidPolarity.DoubleRotation)),
        new("flat-1GeV", "same focusing, compensated solenoids (+- at each IP): uncoupled outside the IRs", false, true, false,
            () => ModeDesigns.OneGeV(SolenoidPolarity.Compensated)),
        new("mobius-1GeV", "same focusing, 90 degrees at SND and compensated at CMD-3: Moebius ring", true, true, false,
            () => ModeDesigns.OneGeV(SolenoidPolarity.Moebius)),
        new("no-solenoids", "solenoids off, quadrupoles rematched at 0.8 GeV: the structure for vacuum conditioning", false, false, false,
            ModeDesigns.NoSolenoids),
        new("operating-5cm", "beta* = 5 cm optics at 0.3 GeV, 135 degrees per solenoid, on its own fitted layout: the facility's monitor optics to 1.4 % rms (docs/lattice.md)", true, false, true,
            () => OperatingFit.Setting),
    ];

    public static ModeInfo Find(string name) =>
        All.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown mode '{name}'; modes: {string.Join(", ", All.Select(m => m.Name))}");

    /// <summary>The MAD-X text of a mode.</summary>
    public static string Text(string name)
    {
        var mode = Find(name);
        var resource = $"Vepp2k.Machine.Lattices.{mode.Name}.madx";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"lattice file for {mode.Name} is not embedded");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>
    /// Loads a mode as a lattice, optionally at another energy (optics unchanged: strengths are
    /// normalised). A <see cref="ModeInfo.FieldProfile"/> mode comes with its solenoids sliced from the
    /// coils' field profile, unless <paramref name="hardEdge"/> asks for the file as MAD-X reads it.
    /// </summary>
    public static MadxLattice.Result Load(string name, double? energyEv = null, bool hardEdge = false)
    {
        var mode = Find(name);
        var result = MadxLattice.Build(Document(mode), null, energyEv);
        return FieldProfile(mode, hardEdge) is { } slice ? result with { Lattice = slice(result.Lattice) } : result;
    }

    /// <summary>
    /// A mode as a scripting model (<see cref="OpticsModel"/>): its MAD-X file with every knob in reach
    /// (quadrupole variables k_1f1 ..., solenoid fields b_1s1 ..., element attributes "1F1->k1"), the
    /// solenoids sliced from the coils' field profile as the optics command computes them.
    /// </summary>
    public static OpticsModel Model(string name, double? energyEv = null)
    {
        var mode = Find(name);
        return new OpticsModel(Document(mode), null, energyEv, FieldProfile(mode, hardEdge: false));
    }

    private static MadxDocument Document(ModeInfo mode) => MadxReader.ParseText(Text(mode.Name), mode.Name + ".madx");

    // A field-profile mode's solenoids sliced from the coils' on-axis field, unless read as hard edges.
    private static Func<Lattice, Lattice>? FieldProfile(ModeInfo mode, bool hardEdge) =>
        mode.FieldProfile && !hardEdge ? lattice => SolenoidFieldOptics.Apply(lattice, MagnetCatalogue.Default) : null;
}
