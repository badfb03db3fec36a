using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Every powered magnet of VEPP-2000 under its facility name, in a fixed order (dipoles, then per
/// quadrant the quads, the solenoid sections and the 16 UM corrector channels): 8 + 24 + 12 + 64.
/// Built from RingGeometry (lengths, solenoid layout) and the embedded Data/*.json excitation files,
/// or for the quadrupoles the computed tables of Data/computed (<see cref="CurveSet"/>).
/// </summary>
public sealed partial class MagnetCatalogue
{
    private static readonly Lazy<MagnetCatalogue> Lazy = new(() => new MagnetCatalogue(RingDesign.Geometry));
    private static readonly Lazy<MagnetCatalogue> LazyComputed = new(() => new MagnetCatalogue(RingDesign.Geometry, CurveSet.Computed));

    private static readonly string[] Quadrants = ["1", "2", "3", "4"];
    private static readonly string[] QuadFamilies = ["D1", "D2", "D3", "F1", "F2", "F3"];

    private readonly Magnet[] magnets;
    private readonly Dictionary<string, int> index = new(StringComparer.OrdinalIgnoreCase);
    private readonly ThickSolenoidCoil[] sectionCoils;

    /// <summary>The catalogue of the design ring.</summary>
    public static MagnetCatalogue Default => Lazy.Value;

    /// <summary>The design ring with the computed curves (<see cref="CurveSet.Computed"/>) where there are any.</summary>
    public static MagnetCatalogue Computed => LazyComputed.Value;

    public MagnetCatalogue(RingGeometry geometry, CurveSet curves = CurveSet.Analytic)
    {
        Curves = curves;
        var list = new List<Magnet>();
        AddDipoles(list, curves);
        AddQuadrupoles(list, curves);
        sectionCoils = SectionCoils(geometry);
        AddSolenoidSections(list);
        AddCorrectors(list);
        magnets = [.. list];
        for (int i = 0; i < magnets.Length; i++)
        {
            index.Add(magnets[i].Name, i);
            index.TryAdd(magnets[i].Channel, i);   // dipoles share VEPP/PS: it finds the first
        }
    }

    public IReadOnlyList<Magnet> Magnets => magnets;

    /// <summary>Which excitation curves the iron magnets have.</summary>
    public CurveSet Curves { get; }

    public IEnumerable<Magnet> OfKind(params MagnetKind[] kinds) => magnets.Where(m => kinds.Contains(m.Kind));

    /// <summary>Position of a magnet in <see cref="Magnets"/> (the machine-state order).</summary>
    public int IndexOf(string name) => index.TryGetValue(name.Trim(), out int i) ? i
        : throw new KeyNotFoundException($"no magnet '{name}' in the VEPP-2000 catalogue; names are 1M1..4M2 (dipoles), "
            + "1D1..4F3 (quads D1 D2 D3 F1 F2 F3), 1S1..4S3 (solenoid sections), and correctors <q><UM name> "
            + "such as 1F1X 2D3Z 3SQ1 4SD 1F1T (F1 trim); UM channel paths like VEPP/UM/1/F1X also work");

    /// <summary>Case-insensitive lookup by facility name or control-system channel.</summary>
    public Magnet Find(string name) => magnets[IndexOf(name)];

    private static void AddDipoles(List<Magnet> list, CurveSet curves)
    {
        var root = MagnetData.Load("dipole.json");
        var p = root.GetProperty("parameters");
        IExcitationCurve curve = curves == CurveSet.Computed ? MagnetData.ComputedCurve("dipole.csv") : MagnetData.IronCurve(p, quadrupole: false);
        double arc = MagnetData.Value(p, "bendRadius") * RingGeometry.BendAngle;
        string supply = MagnetData.Text(root, "supply");
        foreach (var q in Quadrants)
            foreach (var k in (string[])["M1", "M2"])
                list.Add(new Magnet(q + k, MagnetKind.Dipole, k, int.Parse(q), supply, "VEPP/PS", arc, 1, arc, curve));
    }

    private static void AddQuadrupoles(List<Magnet> list, CurveSet curves)
    {
        var types = MagnetData.Load("quadrupole.json").GetProperty("types");
        IExcitationCurve standard = curves == CurveSet.Computed ? MagnetData.ComputedCurve("quadrupole-standard.csv")
            : MagnetData.IronCurve(types.GetProperty("standard").GetProperty("parameters"), quadrupole: true);
        IExcitationCurve shortQuad = curves == CurveSet.Computed ? MagnetData.ComputedCurve("quadrupole-short.csv")
            : MagnetData.IronCurve(types.GetProperty("short").GetProperty("parameters"), quadrupole: true);
        foreach (var q in Quadrants)
            foreach (var f in QuadFamilies)
            {
                var (length, curve) = f switch
                {
                    "F1" => (RingGeometry.LongQuadLength, standard),
                    "F3" => (RingGeometry.ShortQuadLength, shortQuad),
                    _ => (RingGeometry.QuadLength, standard),
                };
                string name = q + f;
                list.Add(new Magnet(name, MagnetKind.Quadrupole, f, int.Parse(q), name, $"VEPP/QUAD/{name}",
                    length, f[0] == 'D' ? -1 : 1, 1, curve));
            }
    }

    private void AddSolenoidSections(List<Magnet> list)
    {
        var types = MagnetData.Load("solenoid.json").GetProperty("types");
        var main = types.GetProperty("main").GetProperty("parameters");
        var extra = types.GetProperty("extra").GetProperty("parameters");
        foreach (var q in Quadrants)
            for (int k = 0; k < 3; k++)
            {
                var p = k < 2 ? main : extra;
                var coil = sectionCoils[k];
                double perAmp = coil.Field(coil.Centre, 1.0);
                // Operating limit: the supply range or the rated field, whichever comes first.
                double maxCurrent = Math.Min(MagnetData.Value(p, "maxCurrent"), MagnetData.Value(p, "ratedField") / perAmp);
                // The lattice's hard-edge section carries the coil's whole int B ds = mu0 N I (fringes
                // included) over its length, so its KS gives the profile's Larmor rotation exactly; the
                // peak field of a short thick coil is below that equivalent field.
                double equivalentPerAmp = 4e-7 * Math.PI * coil.Turns / coil.Length;
                string name = $"{q}S{k + 1}";
                list.Add(new Magnet(name, MagnetKind.SolenoidSection, $"S{k + 1}", int.Parse(q), name, $"VEPP/SOL/{name}",
                    coil.Length, 1, equivalentPerAmp / perAmp, new LinearCurve(perAmp, maxCurrent)));
            }
    }

    private static void AddCorrectors(List<Magnet> list)
    {
        var root = MagnetData.Load("corrector.json");
        double maxCurrent = MagnetData.Value(root, "maxCurrent");
        string pathPattern = MagnetData.Text(root.GetProperty("channelPath"), "value");
        var kinds = root.GetProperty("kinds");
        foreach (var q in Quadrants)
            foreach (var ch in root.GetProperty("channels").EnumerateArray())
            {
                string kindName = MagnetData.Text(ch, "kind");
                var curve = new LinearCurve(MagnetData.Value(kinds.GetProperty(kindName), "fieldPerAmp"), maxCurrent);
                string host = MagnetData.Text(ch, "host");
                string name = q + MagnetData.Text(ch, "catalogueName");
                string path = pathPattern.Replace("{group}", q).Replace("{name}", MagnetData.Text(ch, "name"));
                list.Add(new Magnet(name, CorrectorKind(kindName), MagnetData.Text(ch, "name"), int.Parse(q), path, path,
                    HostLength(host), 1, 1, curve, q + host, MagnetData.Text(ch, "mapping")));
            }
    }

    private static MagnetKind CorrectorKind(string kind) => kind switch
    {
        "horizontalKick" => MagnetKind.HorizontalCorrector,
        "verticalKick" => MagnetKind.VerticalCorrector,
        "dipoleTrim" => MagnetKind.DipoleTrim,
        "skewQuadrupole" => MagnetKind.SkewQuadrupole,
        "sextupole" => MagnetKind.Sextupole,
        "quadrupoleTrim" => MagnetKind.QuadrupoleTrim,
        _ => throw new InvalidDataException($"corrector.json: unknown kind '{kind}'"),
    };

    /// <summary>Length of the host winding; 0 for the sextupoles, whose length is not published.</summary>
    private static double HostLength(string host) => host switch
    {
        "F1" => RingGeometry.LongQuadLength,
        "F3" => RingGeometry.ShortQuadLength,
        "D1" or "D2" or "D3" or "F2" => RingGeometry.QuadLength,
        "M1" or "M2" => RingGeometry.BendLength,
        _ => 0,
    };
}
