using System.Globalization;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// How one magnet of the true ring differs from the model: relative field (gradient) error, offset of
/// its axis [m] and roll about s [rad].
/// </summary>
public sealed record MagnetError(double Field = 0, double Dx = 0, double Dz = 0, double Roll = 0)
{
    public bool IsZero => Field == 0 && Dx == 0 && Dz == 0 && Roll == 0;
}

/// <summary>A BPM's electrical offset [m], gain errors (relative) and roll [rad]: reading = (1 + g) (R(roll) orbit - offset).</summary>
public sealed record BpmError(double Dx = 0, double Dz = 0, double GainX = 0, double GainZ = 0, double Roll = 0);

/// <summary>A CCD monitor's optics scale errors per plane (relative): positions and sizes read (1 + s) times the truth.</summary>
public sealed record CcdError(double ScaleX = 0, double ScaleZ = 0);

/// <summary>
/// The hidden errors of the simulated ring, invisible to the online model. Magnets are keyed by name:
/// quadrupoles (1F1: field, offsets, roll), dipoles (1M1: field, roll), solenoid sections (1S1: field),
/// whole solenoids (1S: offsets), sextupoles (1SX: offsets); BPMs by BPM1..BPM4; CCDs by their source
/// point (1M1L). Anything not listed is perfect.
/// </summary>
public sealed class RingErrors
{
    public RingErrors(IReadOnlyDictionary<string, MagnetError> magnets, IReadOnlyDictionary<string, BpmError> bpms,
        IReadOnlyDictionary<string, CcdError> ccds, string origin)
    {
        Magnets = Copy(magnets);
        Bpms = Copy(bpms);
        Ccds = Copy(ccds);
        Origin = origin;
        Validate();
    }

    private static Dictionary<string, T> Copy<T>(IReadOnlyDictionary<string, T> source) =>
        new(source, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyDictionary<string, MagnetError> Magnets { get; }
    public IReadOnlyDictionary<string, BpmError> Bpms { get; }
    public IReadOnlyDictionary<string, CcdError> Ccds { get; }

    /// <summary>Where the set came from: "none", "seed N" or a file name (for the event log and the docs).</summary>
    public string Origin { get; }

    /// <summary>A perfect ring: the true machine is the model.</summary>
    public static RingErrors None => LazyNone.Value;

    // Lazy: the name lists its validation reads are initialised after this point.
    private static readonly Lazy<RingErrors> LazyNone = new(() => new(new Dictionary<string, MagnetError>(), new Dictionary<string, BpmError>(),
        new Dictionary<string, CcdError>(), "none"));

    public MagnetError Magnet(string name) => Magnets.TryGetValue(name, out var e) ? e : Perfect;
    public BpmError Bpm(string name) => Bpms.TryGetValue(name, out var e) ? e : new BpmError();
    public CcdError Ccd(string name) => Ccds.TryGetValue(name, out var e) ? e : new CcdError();

    private static readonly MagnetError Perfect = new();

    /// <summary>Quadrupole names of one quadrant (the ring's 24 are 1D1 .. 4F3).</summary>
    public static readonly string[] QuadrupoleNames = ["D1", "F1", "D2", "F2", "D3", "F3"];
    public static readonly string[] SextupoleNames = ["SX", "SZ", "SD"];
    public static readonly string[] BpmNames = ["BPM1", "BPM2", "BPM3", "BPM4"];

    /// <summary>The 16 synchrotron-light source points seen by the CCD monitors, in quadrant order.</summary>
    public static IEnumerable<string> CcdNames() =>
        from q in Quadrants from k in new[] { 1, 2 } from end in "LR" select $"{q}M{k}{end}";

    private static readonly int[] Quadrants = [1, 2, 3, 4];

    /// <summary>
    /// A seeded, reproducible error set: every error Gaussian with the rms of <paramref name="m"/>, cut at
    /// m.Cut sigma. The same seed gives the same ring on every machine (System.Random with a seed is a
    /// fixed algorithm).
    /// </summary>
    public static RingErrors Generate(int seed, ErrorMagnitudes? m = null)
    {
        m ??= ErrorMagnitudes.Default;
        var random = new Random(seed);
        double G(double rms)
        {
            if (rms == 0) return 0;
            while (true)
            {
                double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
                double g = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
                if (Math.Abs(g) <= m.Cut) return g * rms;
            }
        }
        var magnets = new Dictionary<string, MagnetError>();
        foreach (int q in Quadrants)
        {
            foreach (var n in QuadrupoleNames) magnets[$"{q}{n}"] = new(G(m.QuadField), G(m.Offset), G(m.Offset), G(m.QuadRoll));
            foreach (int k in new[] { 1, 2 }) magnets[$"{q}M{k}"] = new(Field: G(m.DipoleField), Roll: G(m.DipoleRoll));
            foreach (int k in new[] { 1, 2, 3 }) magnets[$"{q}S{k}"] = new(Field: G(m.SolenoidField));
            magnets[$"{q}S"] = new(Dx: G(m.Offset), Dz: G(m.Offset));
            foreach (var n in SextupoleNames) magnets[$"{q}{n}"] = new(Dx: G(m.Offset), Dz: G(m.Offset));
        }
        var bpms = BpmNames.ToDictionary(b => b, _ => new BpmError(G(m.BpmOffset), G(m.BpmOffset), G(m.BpmGain), G(m.BpmGain), G(m.BpmRoll)));
        var ccds = CcdNames().ToDictionary(c => c, _ => new CcdError(G(m.CcdScale), G(m.CcdScale)));
        return new RingErrors(magnets, bpms, ccds, "seed " + seed.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>What kind of key a magnet name is, or null when the ring has no such magnet.</summary>
    private static string? KindOf(string name)
    {
        if (name.Length < 2 || name[0] is < '1' or > '4') return null;
        string rest = name[1..].ToUpperInvariant();
        if (QuadrupoleNames.Contains(rest)) return "quadrupole";
        if (rest is "M1" or "M2") return "dipole";
        if (rest is "S1" or "S2" or "S3") return "solenoid section";
        if (rest == "S") return "solenoid";
        if (SextupoleNames.Contains(rest)) return "sextupole";
        return null;
    }

    // Bounds that no real ring has: a value past them is a typing error (mm for m), not an error set.
    private const double MaxField = 0.1, MaxOffset = 5e-3, MaxRoll = 0.05, MaxGain = 0.5;

    private void Validate()
    {
        foreach (var (name, e) in Magnets)
        {
            string kind = KindOf(name) ?? throw new ArgumentException($"errors: no magnet '{name}' (quadrupoles 1D1..4F3, dipoles 1M1..4M2, solenoid sections 1S1..4S3, solenoids 1S..4S, sextupoles 1SX..4SD)");
            Check(name, "field", e.Field, MaxField);
            Check(name, "dx", e.Dx, MaxOffset);
            Check(name, "dz", e.Dz, MaxOffset);
            Check(name, "roll", e.Roll, MaxRoll);
            bool offsets = e.Dx != 0 || e.Dz != 0;
            if (kind == "dipole" && offsets) throw new ArgumentException($"errors: {name}: dipole offsets are not modelled (give field and roll)");
            if (kind == "solenoid section" && (offsets || e.Roll != 0)) throw new ArgumentException($"errors: {name}: a solenoid section takes a field error only; offsets belong to the whole solenoid ({name[..2]})");
            if (kind is "solenoid" or "sextupole" && (e.Field != 0 || e.Roll != 0))
                throw new ArgumentException($"errors: {name}: a {kind} takes offsets only (a roll about s changes nothing in a solenoid; sextupole strengths are set by their supplies)");
        }
        foreach (var (name, e) in Bpms)
        {
            if (!BpmNames.Contains(name, StringComparer.OrdinalIgnoreCase)) throw new ArgumentException($"errors: no BPM '{name}' (BPM1..BPM4)");
            Check(name, "dx", e.Dx, MaxOffset);
            Check(name, "dz", e.Dz, MaxOffset);
            Check(name, "gainX", e.GainX, MaxGain);
            Check(name, "gainZ", e.GainZ, MaxGain);
            Check(name, "roll", e.Roll, MaxRoll);
        }
        var ccds = CcdNames().ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, e) in Ccds)
        {
            if (!ccds.Contains(name)) throw new ArgumentException($"errors: no CCD monitor '{name}' (1M1L .. 4M2R)");
            Check(name, "scaleX", e.ScaleX, MaxGain);
            Check(name, "scaleZ", e.ScaleZ, MaxGain);
        }
    }

    private static void Check(string name, string what, double value, double bound)
    {
        if (!double.IsFinite(value) || Math.Abs(value) > bound)
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"errors: {name} {what} = {value:G4} is outside +-{bound:G3} (SI: relative, m, rad)"));
    }
}
