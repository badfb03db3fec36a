using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Ring;

/// <summary>
/// Builds the VEPP-2000 ring as a lattice with the facility's element names, from a geometry and a
/// setting. Ring order (vepp2000-machine.md section 2): SND | quadrant 1 | RF | quadrant 2 | CMD-3 |
/// quadrant 3 | injection | quadrant 4 | SND. Quadrants 2 and 4 run from the long straight towards
/// the IP, so they are quadrants 1 and 3 reversed in geometry. Each dipole is three pieces with the
/// synchrotron-light source points qMkL and qMkR between them; the BPM of a quadrant sits next to F1,
/// before or after it, and the technical straight runs F2, D3, F3 or F3, D3, F2 from the dipole, as the
/// geometry says.
/// </summary>
public static class RingBuilder
{
    public static Lattice Build(RingGeometry g, RingSetting setting, string name = "vepp2000")
    {
        g.Validate();
        double brho = Constants.MagneticRigidity(setting.EnergyEv);
        var ring = new List<Element>();
        ring.Add(new Marker("SND", 0, "marker"));
        ring.AddRange(Quadrant(g, 1, setting, brho));
        ring.Add(new Marker("RF", 0, "marker"));
        ring.Add(new RfCavity("RFC", 0, setting.RfVoltage, 0.5, 0, RingSetting.Harmonic));
        ring.AddRange(Reverse(Quadrant(g, 2, setting, brho)));
        ring.Add(new Marker("CMD", 0, "marker"));
        ring.AddRange(Quadrant(g, 3, setting, brho));
        ring.Add(new Marker("INJ", 0, "marker"));
        ring.AddRange(Reverse(Quadrant(g, 4, setting, brho)));
        return new Lattice(name, ring, setting.EnergyEv);
    }

    // Quadrant q from its IP to the centre of its long straight.
    private static List<Element> Quadrant(RingGeometry g, int q, RingSetting s, double brho)
    {
        var k = s.Quadrants[q - 1];
        var sol = s.Solenoids[q - 1];
        var e = new List<Element>
        {
            new Drift($"D{q}IP", g.SolenoidStart),
            new Solenoid($"{q}S1", g.MainCoilLength, sol.S1 / brho),
            new Solenoid($"{q}S2", g.MainCoilLength, sol.S2 / brho),
            new Drift($"D{q}SG", g.ExtraCoilGap),
            new Solenoid($"{q}S3", g.ExtraCoilLength, sol.S3 / brho),
            new Drift($"D{q}SM", RingGeometry.ExperimentalHalfStraight - g.SolenoidEnd),
        };
        e.AddRange(Dipole($"{q}M1", "L", "R"));
        e.Add(new Drift($"D{q}T1", g.TripletDrift1));
        e.Add(new Quadrupole($"{q}D1", RingGeometry.QuadLength, k.D1));
        if (g.BpmAfterF1)
        {
            e.Add(new Drift($"D{q}T2", g.TripletDrift2));
            e.Add(new Quadrupole($"{q}F1", RingGeometry.LongQuadLength, k.F1));
            e.AddRange(SplitByBpm($"D{q}T3", g.BpmOffset, g.TripletDrift3 - g.BpmOffset, q));
        }
        else
        {
            e.AddRange(SplitByBpm($"D{q}T2", g.TripletDrift2 - g.BpmOffset, g.BpmOffset, q));
            e.Add(new Quadrupole($"{q}F1", RingGeometry.LongQuadLength, k.F1));
            e.Add(new Drift($"D{q}T3", g.TripletDrift3));
        }
        e.Add(new Quadrupole($"{q}D2", RingGeometry.QuadLength, k.D2));
        e.Add(new Drift($"D{q}T4", g.TripletDrift4));
        e.AddRange(Dipole($"{q}M2", "L", "R"));
        Element f2 = new Quadrupole($"{q}F2", RingGeometry.QuadLength, k.F2), f3 = new Quadrupole($"{q}F3", RingGeometry.ShortQuadLength, k.F3);
        e.Add(new Drift($"D{q}L1", g.Straight1));
        e.Add(g.ShortQuadNextToDipole ? f3 : f2);
        e.Add(new Drift($"D{q}L2", g.Straight2));
        e.Add(new Quadrupole($"{q}D3", RingGeometry.QuadLength, k.D3));
        e.Add(new Drift($"D{q}L3", g.Straight3));
        e.Add(g.ShortQuadNextToDipole ? f2 : f3);
        e.Add(new Drift($"D{q}L4", g.Straight4));
        return e;
    }

    // A triplet drift with the BPM in it: the drift up to the BPM, the BPM, and the rest (named with a B) if any.
    private static IEnumerable<Element> SplitByBpm(string drift, double before, double after, int q)
    {
        yield return new Drift(drift, before);
        yield return new Marker($"BPM{q}", 0, "monitor");
        if (after > 0) yield return new Drift(drift + "B", after);
    }

    // A dipole as three sector pieces (qMk.1, qMk.2, qMk.3 in beam order of the built quadrant) with
    // the light-source markers at 2.04 deg from each end.
    // The markers are named for the direction of the built quadrant; Reverse swaps L and R so the
    // names always mean lower / higher s in ring order.
    private static IEnumerable<Element> Dipole(string name, string first, string last)
    {
        double end = RingGeometry.LightSourceDepth, middle = RingGeometry.BendLength - 2 * end;
        double h = 1 / RingGeometry.BendRadius;
        yield return new SectorBend(name + ".1", end, end * h);
        yield return new Marker(name + first, 0, "instrument");
        yield return new SectorBend(name + ".2", middle, middle * h);
        yield return new Marker(name + last, 0, "instrument");
        yield return new SectorBend(name + ".3", end, end * h);
    }

    // Reversal of a quadrant: order reversed, solenoid sections kept (they are thick, symmetric in s),
    // light-source markers renamed so L stays the upstream end.
    private static IEnumerable<Element> Reverse(List<Element> quadrant)
    {
        for (int i = quadrant.Count - 1; i >= 0; i--)
        {
            var e = quadrant[i];
            if (e is Marker m && m.Keyword == "instrument")
            {
                char end = m.Name[^1] == 'L' ? 'R' : 'L';
                yield return new Marker(m.Name[..^1] + end, 0, "instrument");
            }
            else if (e is SectorBend b && b.Name[^2] == '.' && b.Name[^1] != '2')
            {
                // The end pieces swap places; keep .1 upstream in ring order.
                yield return new SectorBend(b.Name[..^1] + (b.Name[^1] == '1' ? '3' : '1'), b.Length, b.Angle);
            }
            else yield return e;
        }
    }
}
