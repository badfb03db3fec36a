using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Web;

/// <summary>One drawn piece of the ring: a magnet (with the powered element that feeds it) or a marker.</summary>
/// <param name="Points">Closed-orbit geometry [m] from entry to exit, [x, y] pairs (one point for a marker).</param>
public sealed record LayoutItem(string Name, string Kind, string? Element, double S, double Length, IReadOnlyList<double[]> Points);

/// <summary>A corrector winding, placed at its host magnet when the lattice has that host.</summary>
public sealed record LayoutCorrector(string Name, string Kind, string Host, double? S, double[]? Point);

/// <summary>The ring as the console draws it: the closed orbit, magnets, IP/RF/injection markers, the 16
/// synchrotron-light monitor points and 4 BPMs (kind Monitor), and correctors.</summary>
public sealed record RingLayoutDto(string Mode, double Circumference, IReadOnlyList<double[]> Orbit, IReadOnlyList<LayoutItem> Items,
    IReadOnlyList<LayoutCorrector> Correctors);

/// <summary>
/// Builds the drawing of the ring from the lattice of the running mode: the reference orbit is the
/// integral of the bend angles along s (x, y in metres, starting at SND heading +x, bending left).
/// Dipole pieces qMk.1..3 become one magnet qMk, fed by the series supply PS.
/// </summary>
public static class RingLayout
{
    // Arc steps of at most 5 cm: smooth at any zoom the console offers.
    private const double Step = 0.05;

    public static RingLayoutDto Build(MagnetSystem machine, string mode)
    {
        var lattice = ModeDesigns.Build(mode).Lattice;
        var orbit = new List<double[]> { new[] { 0.0, 0.0 } };
        var items = new List<LayoutItem>();
        // Monitors sit between dipole pieces: kept apart so they do not split a dipole when merging.
        var monitors = new List<LayoutItem>();
        double s = 0, x = 0, y = 0, heading = 0;
        foreach (var e in lattice.Elements)
        {
            double angle = e is SectorBend b ? b.Angle : 0;
            var points = new List<double[]> { new[] { x, y } };
            int steps = angle == 0 ? 1 : Math.Max(1, (int)Math.Ceiling(e.Length / Step));
            for (int i = 0; i < steps && e.Length > 0; i++)
            {
                double ds = e.Length / steps, dTheta = angle / steps;
                // Exact chord of an arc (a straight step when dTheta = 0).
                double chord = dTheta == 0 ? ds : 2 * ds / dTheta * Math.Sin(dTheta / 2);
                x += chord * Math.Cos(heading + dTheta / 2);
                y += chord * Math.Sin(heading + dTheta / 2);
                heading += dTheta;
                points.Add([x, y]);
            }
            orbit.AddRange(points.Skip(1));
            if (e is Marker { Keyword: "monitor" or "instrument" }) monitors.Add(new LayoutItem(e.Name, "Monitor", null, s, 0, points));
            else if (Describe(e, machine) is { } d) Merge(items, new LayoutItem(d.Name, d.Kind, d.Element, s, e.Length, points));
            s += e.Length;
        }
        var positions = items.ToDictionary(i => i.Name);
        var correctors = machine.Elements.Where(e => Subsystem.Of(e.Model.Kind) == Subsystem.Correctors).Select(c =>
        {
            var host = positions.GetValueOrDefault(c.Model.Host);
            return new LayoutCorrector(c.Name, c.Model.Kind.ToString(), c.Model.Host, host?.S + host?.Length / 2,
                host?.Points[host.Points.Count / 2]);
        }).ToList();
        return new RingLayoutDto(mode, s, orbit, [.. items, .. monitors], correctors);
    }

    private static (string Name, string Kind, string? Element)? Describe(Element e, MagnetSystem machine) => e switch
    {
        SectorBend => (e.Name.Split('.')[0], "Dipole", machine.DipoleSupply.Name),
        Marker { Name: "SND" or "CMD" } => (e.Name, "IP", null),
        Marker { Name: "RF" } => ("RF", "RF", null),
        Marker { Name: "INJ" } => ("INJ", "Injection", null),
        Quadrupole or Solenoid when machine.Find(e.Name) is { } p => (e.Name, p.Model.Kind.ToString(), p.Name),
        _ => null,
    };

    // The three pieces of a dipole follow each other: the later pieces extend the first.
    private static void Merge(List<LayoutItem> items, LayoutItem next)
    {
        if (items.Count > 0 && items[^1] is { Kind: "Dipole" } last && last.Name == next.Name)
            items[^1] = last with { Length = last.Length + next.Length, Points = [.. last.Points, .. next.Points.Skip(1)] };
        else items.Add(next);
    }
}
