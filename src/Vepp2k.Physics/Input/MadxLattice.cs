using Vepp2k.MadX;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Input;

/// <summary>
/// Turns an expanded MAD-X line into a <see cref="Lattice"/>: MAD-X keywords and attributes to
/// our elements, with MAD-X units (VOLT in MV, FREQ in MHz, beam energy in GeV) converted to SI.
/// Elements we do not model become drifts of their length, with a warning.
/// </summary>
public static class MadxLattice
{
    public sealed record Result(Lattice Lattice, IReadOnlyList<string> Warnings);

    /// <param name="energyEv">Overrides the file's BEAM energy when given.</param>
    public static Result Build(MadxDocument document, string? line = null, double? energyEv = null)
    {
        var warnings = document.Warnings.Select(w => $"{w.File}:{w.Line}: {w.Message}").ToList();
        double energy = energyEv ?? (document.Beam?.EnergyGeV * 1e9)
            ?? throw new OpticsException("the MAD-X input has no BEAM command, so the beam energy must be given");
        if (document.Beam is { } beam && Math.Abs(beam.MassGeV - Constants.ElectronMassEv * 1e-9) > 1e-6)
            warnings.Add($"beam particle {beam.Particle}: the maps assume ultra-relativistic electrons or positrons");
        string name = line ?? document.UsedLine ?? throw new OpticsException("the MAD-X input has no USE command, so the line to use must be named");
        var elements = new List<Element>();
        foreach (var e in document.Expand(name))
        {
            var element = Convert(e, warnings);
            if (element is not null) elements.Add(element);
        }
        return new Result(new Lattice(name, elements, energy), warnings);
    }

    private static Element? Convert(MadxElement e, List<string> warnings)
    {
        double N(string a, double fallback = 0) => e.Number(a) ?? fallback;
        double[] A(string a) => e.Array(a)?.ToArray() ?? [];
        double l = e.Length;
        switch (e.Keyword)
        {
            case "drift":
                return new Drift(e.Name, l);
            case "sbend":
                return Bend(e.Name, l, N("angle"), N, rbend: false);
            case "rbend":
                return Bend(e.Name, l, N("angle"), N, rbend: true);
            case "quadrupole":
                if (l == 0) return new ThinMultipole(e.Name, [0, N("k1l")], [0, N("k1sl")], N("tilt"));
                return new Quadrupole(e.Name, l, N("k1"), N("k1s"), N("tilt"));
            case "sextupole":
                return new ThickMultipole(e.Name, l, "sextupole", [0, 0, N("k2")], [0, 0, N("k2s")], N("tilt"), Steps(e));
            case "octupole":
                return new ThickMultipole(e.Name, l, "octupole", [0, 0, 0, N("k3")], [0, 0, 0, N("k3s")], N("tilt"), Steps(e));
            case "multipole":
                return new ThinMultipole(e.Name, A("knl"), A("ksl"), N("tilt"));
            case "solenoid":
                if (l == 0)
                {
                    warnings.Add($"{e.Name}: thin solenoid (KSI) is not modelled; treated as a marker");
                    return new Marker(e.Name, 0, "solenoid");
                }
                return new Solenoid(e.Name, l, N("ks"));
            case "hkicker":
                return new Kicker(e.Name, l, N("kick", N("hkick")), 0, "hkicker");
            case "vkicker":
                return new Kicker(e.Name, l, 0, N("kick", N("vkick")), "vkicker");
            case "kicker" or "tkicker":
                return new Kicker(e.Name, l, N("hkick"), N("vkick"), e.Keyword);
            case "rfcavity":
                return new RfCavity(e.Name, l, N("volt") * 1e6, N("lag"), N("freq") * 1e6, N("harmon"));
            case "srotation":
                return new SRotation(e.Name, N("angle"));
            case "dipedge":
                return new DipoleEdge(e.Name, N("h"), N("e1"), N("fint"), N("hgap"), N("tilt"));
            case "marker" or "monitor" or "hmonitor" or "vmonitor" or "instrument" or "placeholder"
                or "collimator" or "rcollimator" or "ecollimator":
                return new Marker(e.Name, l, e.Keyword);
            default:
                warnings.Add($"{e.Name}: {e.Keyword} is not modelled; treated as a drift of {l} m");
                return l == 0 ? null : new Drift(e.Name, l);
        }
    }

    // MAD-X's per-element NST (integration steps, as PTC reads it); without it the element chooses.
    private static int? Steps(MadxElement e) => e.Number("nst") is double nst ? Math.Max(1, (int)Math.Round(nst)) : null;

    // RBEND: L is the chord; the arc is L (a/2)/sin(a/2) and the faces get a/2 added (MAD-X rules).
    private static Element Bend(string name, double length, double angle, Func<string, double, double> n, bool rbend)
    {
        double e1 = n("e1", 0), e2 = n("e2", 0), arc = length;
        if (rbend && angle != 0)
        {
            arc = length * (angle / 2) / Math.Sin(angle / 2);
            e1 += angle / 2;
            e2 += angle / 2;
        }
        double fint = n("fint", 0);
        return new SectorBend(name, arc, angle, n("k1", 0), n("k2", 0), e1, e2, fint, n("fintx", fint), n("hgap", 0), n("tilt", 0));
    }
}
