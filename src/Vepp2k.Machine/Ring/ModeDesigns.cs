using Vepp2k.Machine.Magnets;
using Vepp2k.Physics;

namespace Vepp2k.Machine.Ring;

/// <summary>
/// How each embedded mode file is made from the reconstructed design: which quadrupole set, which
/// solenoid fields and polarity, at which energy, and what in it is published, fitted or assumed.
/// </summary>
public static class ModeDesigns
{
    /// <summary>RF voltage [V] fitted to the published synchrotron frequency 30.73 kHz (h = 14, alpha from the lattice).</summary>
    public const double RfVoltage = 100.4e3;

    /// <summary>
    /// No-solenoid quadrupole set (REC, fitted: achromat at Q = 3.3 / 0.8 with beta &lt;= 20 m, continued
    /// from the previous design's drift splits to the present ones). Without the solenoids' focusing
    /// the achromat needs F1 above what it reaches at 1 GeV (48.7 T/m at 0.8 GeV), so the mode is set
    /// at <see cref="NoSolenoidEnergyEv"/>; the abstract gives no energy for vacuum conditioning.
    /// </summary>
    public static readonly QuadrantStrengths NoSolenoidQuads = new(
        D1: -10.92926560043626, F1: 18.238307515135542, D2: -10.92926559801562,
        F2: 16.08308648531663, D3: -10.076029624458956, F3: 2.8765637808838167);

    /// <summary>Beam energy of the no-solenoid mode [eV] (chosen: the highest round value its quadrupoles reach).</summary>
    public const double NoSolenoidEnergyEv = 0.8e9;

    private static readonly string[] Published =
    [
        "Status of the numbers (docs/lattice.md has the full account):",
        "  PUBLISHED (Shatunov 2011 abstract, Table 1 and text): circumference 24.388 m; 8 sector dipoles of 45 deg,",
        "    rho = 1.40 m; 3 m experimental and 2.5 m technical straights; quadrupoles 19 / 14 / 6 cm, <= 52 T/m",
        "    (6 cm: ~11 T/m); solenoid main coils <= 13 T, extra coil <= 8 T; RF harmonic 14; beta* = 10 cm;",
        "    tunes 4.1 / 2.1; facility names of every element (VEPP-2000 control-system channel list).",
    ];

    private static readonly string[] DesignStatus =
    [
        "  FITTED here: drift splits, quadrupole K1, solenoid position and coil lengths, in the coils' field-profile",
        "    model (to beta*, tunes, achromat, coil ratings: vepp2k design --fit); RF voltage (to f_s = 30.73 kHz).",
        "  ASSUMED: solenoid coils (two main coils back to back, 2 cm gap, extra coil; radii 25-60 mm, no yoke);",
        "    triplet order D1-F1-D2 with D1 next to qM1; BPM at the F1 entrance; light-source points 2.04 deg",
        "    inside each dipole end; no dipole edge angles (the published decrements imply sector dipoles).",
    ];

    private static readonly string[] OperatingStatus =
    [
        "  FITTED here, to the facility's model optics at its 23 monitor points (tools/ring_probe.py): its own layout",
        "    (solenoid position and coil lengths, triplet drifts, the BPM after F1, the straight F3-D3-F2 from the",
        "    dipole), quadrupole K1, solenoid fields (135 deg each), energy; not the design's layout (docs/lattice.md",
        "    section 4); RF voltage (to f_s = 30.73 kHz).",
        "  ASSUMED: solenoid coils (two main coils back to back, 2 cm gap, extra coil) as hard edges; triplet order",
        "    D1-F1-D2 with D1 next to qM1; light-source points 2.04 deg inside each dipole end; no dipole edge angles.",
    ];

    /// <summary>What in a mode's file is published, fitted or assumed: the header of its MAD-X file.</summary>
    public static IReadOnlyList<string> ProvenanceOf(string mode) =>
        [.. Published, .. Modes.Find(mode).FacilityFit ? OperatingStatus : DesignStatus];

    /// <summary>Header of the modes whose optics come from the coils' field profile.</summary>
    public static readonly string[] FieldProfileNote =
    [
        "Solenoids: each section below is a hard edge carrying its coil's whole int B ds (the setting: the coil",
        "  currents). vepp2k takes this mode's optics from the coils' field profile Bz(s) (SolenoidFieldOptics),",
        "  as the design was fitted. Read literally as hard edges (MAD-X, or vepp2k optics --hard-edge) they",
        "  focus about 20 % more than the coils, and the optics differs (docs/magnets/solenoids.md).",
        "  vepp2k optics --mode <this mode> --madx FILE writes the ring as computed, field slices and all.",
    ];

    /// <summary>The lattice of a mode as built from the design (the source of the embedded file).</summary>
    public static (Lattice Lattice, double NominalEnergyEv) Build(string mode)
    {
        var setting = Setting(mode);
        return (RingBuilder.Build(Geometry(mode), setting, "vepp2000"), setting.EnergyEv);
    }

    /// <summary>The layout a mode is built on: the design's, except the operating optics, which was fitted with its own.</summary>
    public static RingGeometry Geometry(string mode) => Modes.Find(mode).FacilityFit ? OperatingFit.Geometry : RingDesign.Geometry;

    /// <summary>
    /// The ring of a mode for a setting as its optics are computed: built on the mode's geometry, with
    /// the solenoids taken from the coils' field profile in the modes fitted that way (ModeInfo.FieldProfile).
    /// </summary>
    public static Lattice OpticsRing(string mode, RingSetting setting, MagnetCatalogue catalogue)
    {
        var info = Modes.Find(mode);
        var lattice = RingBuilder.Build(Geometry(info.Name), setting, info.Name);
        return info.FieldProfile ? SolenoidFieldOptics.Apply(lattice, catalogue) : lattice;
    }

    /// <summary>
    /// The design setting of a mode (strengths, solenoid fields, RF voltage, energy) on
    /// the mode's <see cref="Geometry"/>: what the online model starts from before it puts in the
    /// strengths the magnets actually carry.
    /// </summary>
    public static RingSetting Setting(string mode) => Modes.Find(mode).Design();

    /// <summary>The 1 GeV design focusing with the solenoids in the given polarity (the design, flat and Moebius modes).</summary>
    internal static RingSetting OneGeV(SolenoidPolarity polarity)
    {
        var q = RingDesign.DesignQuads;
        return new(RingDesign.NominalEnergyEv, [q, q, q, q], RingDesign.Polarity(RingDesign.DesignSolenoid, polarity), RfVoltage);
    }

    /// <summary>The vacuum-conditioning structure: solenoids off, quadrupoles rematched at <see cref="NoSolenoidEnergyEv"/>.</summary>
    internal static RingSetting NoSolenoids() =>
        new(NoSolenoidEnergyEv, Enumerable.Repeat(NoSolenoidQuads, 4).ToArray(), RingDesign.Polarity(RingDesign.DesignSolenoid, SolenoidPolarity.Off), RfVoltage);

    /// <summary>Writes every mode file into <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var mode in Modes.All)
        {
            var (lattice, energy) = Build(mode.Name);
            var path = Path.Combine(directory, mode.Name + ".madx");
            IReadOnlyList<string> header = mode.FieldProfile ? [.. ProvenanceOf(mode.Name), .. FieldProfileNote] : ProvenanceOf(mode.Name);
            File.WriteAllText(path, LatticeWriter.Write(lattice, mode.Name, mode.Description, header, energy));
            written.Add(path);
        }
        return written;
    }
}
