using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// The same ring with long drifts, quadrupoles, bends and solenoids cut into pieces no longer than
/// a given step, so lattice functions can be drawn smoothly inside elements. Cutting changes no
/// map: the pieces compose exactly to the element (edges stay on the outer faces).
/// </summary>
public static class Slicing
{
    public static Lattice Fine(Lattice lattice, double maxStep)
    {
        var pieces = new List<Element>();
        foreach (var e in lattice.Elements)
        {
            int n = Math.Max(1, (int)Math.Ceiling(e.Length / maxStep));
            if (n == 1 || e is not (Drift or Quadrupole or Solenoid or SectorBend)) { pieces.Add(e); continue; }
            double l = e.Length / n;
            for (int i = 0; i < n; i++)
            {
                pieces.Add(e switch
                {
                    Quadrupole q => new Quadrupole(q.Name, l, q.K1, q.K1s, q.TiltAngle),
                    Solenoid s => new Solenoid(s.Name, l, s.Ks),
                    SectorBend b => new SectorBend(b.Name, l, b.Angle / n, b.K1, b.K2,
                        i == 0 ? b.E1 : 0, i == n - 1 ? b.E2 : 0, i == 0 ? b.Fint : 0, i == n - 1 ? b.Fintx : 0, b.Hgap, b.TiltAngle),
                    _ => (Element)new Drift(e.Name, l),
                });
            }
        }
        return new Lattice(lattice.Name, pieces, lattice.EnergyEv);
    }
}
