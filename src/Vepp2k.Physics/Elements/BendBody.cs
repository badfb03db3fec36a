using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>The body of a bend without its edges: one integration step of <see cref="SectorBend"/>.</summary>
public sealed class BendBody(string name, double length, double curvature, double k1, double k2, double tilt)
    : Element(name, length)
{
    private readonly BendBodyMap map = new(length, curvature, k1, k2);

    public override string Keyword => "sbend";

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p);

    private void Map<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, tilt);
        map.Apply(ref p);
        Tilt.Rotate(ref p, -tilt);
    }
}

/// <summary>
/// The map of a bend's body over a length, its constants worked out when the element is made: the exact
/// dipole flow's trigonometry for each arc the integrator takes, so a pass calls no scalar function.
/// </summary>
internal sealed class BendBodyMap
{
    private readonly double h, k1, k2, step;
    private readonly int steps;
    private readonly Arc whole, outer, inner;

    public BendBodyMap(double length, double h, double k1, double k2)
    {
        this.h = h; this.k1 = k1; this.k2 = k2;
        // Gradient by splitting; one 4th-order step per ~5 cm keeps the error far below 1e-6.
        steps = Math.Max(1, (int)Math.Ceiling(length / 0.05));
        step = length / steps;
        whole = new Arc(length, h);
        outer = new Arc(ForestRuth.W1 * step / 2, h);
        inner = new Arc((ForestRuth.W0 + ForestRuth.W1) * step / 2, h);
    }

    public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        if (k1 == 0 && k2 == 0)
        {
            whole.Apply(ref p);
            return;
        }
        for (int i = 0; i < steps; i++)
        {
            outer.Apply(ref p);
            CurvedKick(ref p, ForestRuth.W1 * step);
            inner.Apply(ref p);
            CurvedKick(ref p, ForestRuth.W0 * step);
            inner.Apply(ref p);
            CurvedKick(ref p, ForestRuth.W1 * step);
            outer.Apply(ref p);
        }
    }

    /// <summary>
    /// The kick of the gradient and sextupole field of a curved magnet over a length. In the curved
    /// frame the kick is (1 + h x) times the field, and the field must satisfy Maxwell's equations
    /// in that frame: with the mid-plane field By(x, 0) = K1 x + K2 x^2/2 (MAD-X's K1, K2), the scalar
    /// potential (1 + h x) A_s to third order gives
    /// dpx = -L [K1 x + (h K1 + K2/2) x^2 - (h K1 + K2) y^2/2], dpy = L [K1 y + (h K1 + K2) x y].
    /// At h = 0 this is the straight multipole kick; the h K1 terms are what give a combined-function
    /// bend the chromaticity MAD-X computes (docs/physics.md).
    /// </summary>
    private void CurvedKick<T>(ref Phase<T> p, double length) where T : struct, IScalar<T>
    {
        double quadratic = h * k1 + k2 / 2, cross = h * k1 + k2;
        p.Px = p.Px - (p.X * k1 + p.X * p.X * quadratic - p.Y * p.Y * (cross / 2)) * length;
        p.Py = p.Py + (p.Y * k1 + p.X * p.Y * cross) * length;
    }

    /// <summary>
    /// Exact flow of a uniform field B = h B rho0 along the reference arc of length L: the particle
    /// moves on a circle of radius P_h/h in the horizontal plane (P_h the horizontal momentum);
    /// its exit follows from intersecting that circle with the exit face. Negative lengths (from
    /// the splitting coefficients) run the flow backwards, which the formulas allow.
    /// </summary>
    private readonly struct Arc(double length, double h)
    {
        private readonly double theta = h * length, rho = h == 0 ? 0 : 1 / h;
        private readonly double c = Math.Cos(h * length), s = Math.Sin(h * length);

        public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
        {
            if (length == 0) return;
            if (h == 0)
            {
                Drift.Apply(ref p, length);
                return;
            }
            T onePlus = p.Delta + 1.0;
            T horizontal2 = onePlus * onePlus - p.Py * p.Py;
            T pz = T.Sqrt(horizontal2 - p.Px * p.Px);
            T px1 = p.Px * c + (pz - (p.X * h + 1.0)) * s;
            T pz1 = T.Sqrt(horizontal2 - px1 * px1);
            T x1 = p.X * c + (pz1 - pz * c + p.Px * s + (c - 1)) * rho;
            // Turning angle of the momentum: atan2(px, pz) - atan2(px1, pz1) + theta, the difference of the two
            // angles (each within +-pi/2, as pz > 0) taken by one atan2 of the angle-difference formula.
            T turned = T.Atan2(p.Px * pz1 - px1 * pz, pz * pz1 + p.Px * px1) + theta;
            p.Y = p.Y + p.Py * turned * rho;
            p.Ct = p.Ct + onePlus * turned * rho - length;
            p.X = x1;
            p.Px = px1;
        }
    }
}
