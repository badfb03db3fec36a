using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Tests;

/// <summary>Small rings whose optics is known in closed form.</summary>
internal static class TestLattices
{
    public const double Energy = 1e9;

    /// <summary>
    /// N FODO cells of length L with quads of length lq and strength +-k1, thin enough that the
    /// thin-lens formulas hold to ~(lq/f)^2.
    /// </summary>
    public static Lattice Fodo(int cells, double cellLength, double focal, double lq = 1e-3)
    {
        double k1 = 1 / (focal * lq);
        var list = new List<Element>();
        double d = (cellLength - 2 * lq) / 2;
        for (int c = 0; c < cells; c++)
        {
            list.Add(new Quadrupole($"qf{c}", lq / 2, k1));
            list.Add(new Drift($"d{c}a", d));
            list.Add(new Quadrupole($"qd{c}", lq, -k1));
            list.Add(new Drift($"d{c}b", d));
            list.Add(new Quadrupole($"qf{c}b", lq / 2, k1));
        }
        return new Lattice("fodo", list, Energy);
    }

    /// <summary>
    /// A small isomagnetic ring: 8 sector bends (rho = 1.4 m, like VEPP-2000), FODO-like focusing,
    /// an RF cavity; optionally a solenoid pair per side to couple the planes.
    /// </summary>
    public static Lattice Ring(double solenoidKs = 0, bool compensated = true, double voltage = 100e3, double bendK1 = 0)
    {
        double rho = 1.4, angle = Math.PI / 4, lb = rho * angle;
        var list = new List<Element>();
        for (int c = 0; c < 8; c++)
        {
            list.Add(new Marker($"m{c}"));
            if (solenoidKs != 0 && c % 4 == 0)
            {
                list.Add(new Drift($"ds{c}", 0.2));
                list.Add(new Solenoid($"sol{c}a", 0.3, solenoidKs));
                list.Add(new Drift($"dsm{c}", 0.1));
                list.Add(new Solenoid($"sol{c}b", 0.3, compensated ? -solenoidKs : solenoidKs));
                list.Add(new Drift($"ds{c}b", 0.2));
            }
            else list.Add(new Drift($"ds{c}", 1.1));
            list.Add(new Quadrupole($"qf{c}", 0.15, 4.5));
            list.Add(new Drift($"d1{c}", 0.25));
            list.Add(new SectorBend($"b{c}", lb, angle, k1: bendK1));
            list.Add(new Drift($"d2{c}", 0.25));
            list.Add(new Quadrupole($"qd{c}", 0.15, -4.0));
            list.Add(new Drift($"d3{c}", 0.3));
        }
        list.Add(new RfCavity("rf", 0, voltage, 0.5, 0, 14));
        return new Lattice("ring", list, Energy);
    }
}
