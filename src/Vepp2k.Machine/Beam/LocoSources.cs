using MathNet.Numerics.Integration;
using Vepp2k.Machine.Magnets;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// A first-order change of the ring: the orbit at the exit of element <paramref name="Input"/> (-1: the start),
/// times <paramref name="D"/>, is a jump added after element <paramref name="After"/>. An element's map E changed
/// to E + dp dE/dp is the source (i - 1, i, dE/dp); a thin generator G inserted after element a is (a, a, G).
/// </summary>
internal sealed record LocoSource(int Input, int After, Matrix6 D);

/// <summary>
/// The derivative of the ring with respect to each lattice parameter, as sources (analytic: no finite
/// differences). The map of a thick element with Hamiltonian matrix A(p) over length L has
/// dM/dp = int_0^L M(L - s) dA/dp M(s) ds, integrated by Gauss-Legendre over the element's own exact maps of
/// partial lengths (the integrand is a product of sines and cosines of the phase: 8 points leave ~1e-14).
/// </summary>
internal static class LocoSources
{
    private const int GaussPoints = 8;

    public static IReadOnlyList<LocoSource> For(LocoParameter parameter, double value, Lattice ring, MagnetCatalogue catalogue)
    {
        var elements = ring.Elements;
        var context = new TrackContext(ring.EnergyEv, false);
        var named = Enumerable.Range(0, elements.Count).Where(i => elements[i].Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase)).ToArray();
        switch (parameter.Kind)
        {
            case LocoParameterKind.QuadrupoleGradient:
            {
                // The element's K1 is K1_set (1 + e): dK1/de = K1 / (1 + e).
                double scale = 1 / (1 + value);
                return [.. named.Where(i => elements[i] is Quadrupole).Select(i =>
                {
                    var q = (Quadrupole)elements[i];
                    if (q.K1s != 0 || q.TiltAngle != 0) throw new OpticsException($"LOCO: quadrupole {q.Name} is skew or tilted; its gradient generator is not the plain one");
                    var d = Integrate(q.Length, s => Jacobian(new Quadrupole(q.Name, s, q.K1), context), Gradient());
                    return new LocoSource(i - 1, i, Scaled(d, q.K1 * scale));
                })];
            }
            case LocoParameterKind.QuadrupoleRoll:
            {
                // The rolled block is R(-psi) B R(psi) with R = exp(psi J): d/dpsi = B J - J B, a generator J at
                // its entrance and -J at its exit (J commutes with R, so the current roll does not matter). The
                // entrance one is carried by the block's first element (E -> E J): a monitor just before the block
                // must not see it.
                var block = Enumerable.Range(0, elements.Count).Where(i => InBlock(elements[i].Name, parameter.Name)).ToArray();
                if (block.Length == 0) throw new ArgumentException($"LOCO: the ring has no quadrupole {parameter.Name}");
                int first = block[0], last = block[^1];
                return [new LocoSource(first - 1, first, Jacobian(elements[first], context) * Rotation()), new LocoSource(last, last, Scaled(Rotation(), -1))];
            }
            case LocoParameterKind.SkewQuadrupole:
            {
                // A thin skew kick K1SL: dpx = K1SL z, dpz = K1SL x; the parameter is K1s = K1SL / L.
                string host = catalogue.Find(parameter.Name).Host;
                int i = Array.FindIndex(elements.ToArray(), e => e is ThinMultipole && e.Name.Equals(host, StringComparison.OrdinalIgnoreCase));
                if (i < 0) throw new ArgumentException($"LOCO: the ring has no multipole {host} for {parameter.Name}");
                var d = new Matrix6();
                d[1, 2] = d[3, 0] = SteeredRing.SextupoleLength;
                return [new LocoSource(i - 1, i, d)];
            }
            case LocoParameterKind.SextupoleFeedDown:
            {
                int i = Array.FindIndex(elements.ToArray(), e => e is ThinMultipole && e.Name.Equals(parameter.Name, StringComparison.OrdinalIgnoreCase));
                if (i < 0) throw new ArgumentException($"LOCO: the ring has no sextupole {parameter.Name}");
                return [new LocoSource(i - 1, i, Gradient())];
            }
            case LocoParameterKind.SolenoidField:
            {
                double scale = 1 / (1 + value);
                return [.. named.Select(i => new LocoSource(i - 1, i, Scaled(SolenoidDerivative(elements[i], context), scale)))];
            }
            default:
                throw new ArgumentException($"{parameter} is not a lattice parameter");
        }
    }

    private static bool InBlock(string element, string quadrupole) =>
        element.Equals(quadrupole, StringComparison.OrdinalIgnoreCase)
        || element.Equals(quadrupole + ".roll", StringComparison.OrdinalIgnoreCase)
        || element.Equals(quadrupole + ".unroll", StringComparison.OrdinalIgnoreCase)
        || element.Equals(quadrupole + ".K", StringComparison.OrdinalIgnoreCase);

    // d/dp of a solenoid's map for a relative change of its field: a constant-field solenoid, or a profiled one
    // whose every piece scales (the pieces' derivatives between the maps before and after them).
    private static Matrix6 SolenoidDerivative(Element element, TrackContext context)
    {
        Solenoid[] pieces = element switch
        {
            Solenoid s => [s],
            ProfiledSolenoid p => [.. p.Pieces],
            _ => throw new ArgumentException($"LOCO: {element.Name} is not a solenoid section"),
        };
        var maps = pieces.Select(p => Jacobian(p, context)).ToArray();
        var before = new Matrix6[pieces.Length];
        var running = Matrix6.Identity();
        for (int k = 0; k < pieces.Length; k++) { before[k] = running; running = maps[k] * running; }
        var total = new Matrix6();
        var after = Matrix6.Identity();
        for (int k = pieces.Length - 1; k >= 0; k--)
        {
            var p = pieces[k];
            if (p.Ks != 0)
            {
                var d = Integrate(p.Length, s => Jacobian(new Solenoid(p.Name, s, p.Ks), context), SolenoidGenerator(p.Ks / 2));
                // dKs = Ks dp and dg = dKs / 2, the generator being d/dg.
                total += after * Scaled(d, p.Ks / 2) * before[k];
            }
            after *= maps[k];
        }
        return total;
    }

    // int_0^L M(L - s) G M(s) ds by Gauss-Legendre on the exact maps of partial lengths.
    private static Matrix6 Integrate(double length, Func<double, Matrix6> partial, Matrix6 generator)
    {
        var rule = new GaussLegendreRule(0, length, GaussPoints);
        var sum = new Matrix6();
        for (int k = 0; k < GaussPoints; k++)
        {
            double s = rule.Abscissas[k];
            sum += Scaled(partial(length - s) * generator * partial(s), rule.Weights[k]);
        }
        return sum;
    }

    // dA/dK1 of a quadrupole, H = (px^2 + pz^2)/2 + K1 (x^2 - z^2)/2; also d/dK1L of a thin one.
    private static Matrix6 Gradient()
    {
        var g = new Matrix6();
        g[1, 0] = -1;
        g[3, 2] = 1;
        return g;
    }

    // dA/dg of a solenoid, H = ((px + g z)^2 + (pz - g x)^2)/2 with g = KS/2.
    private static Matrix6 SolenoidGenerator(double g)
    {
        var a = new Matrix6();
        a[0, 2] = 1;
        a[1, 0] = -2 * g; a[1, 3] = 1;
        a[2, 0] = -1;
        a[3, 1] = -1; a[3, 2] = -2 * g;
        return a;
    }

    // d/dpsi of the frame rotation x' = x cos + z sin (Tilt.Rotate) at psi = 0, on (x, z) and (px, pz) alike.
    private static Matrix6 Rotation()
    {
        var j = new Matrix6();
        j[0, 2] = 1; j[2, 0] = -1;
        j[1, 3] = 1; j[3, 1] = -1;
        return j;
    }

    private static Matrix6 Jacobian(Element e, TrackContext context) => Tracker.TrackWithJacobian([e], new double[6], context);

    private static Matrix6 Scaled(Matrix6 m, double factor)
    {
        var r = new Matrix6();
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++) r[a, b] = factor * m[a, b];
        return r;
    }
}
