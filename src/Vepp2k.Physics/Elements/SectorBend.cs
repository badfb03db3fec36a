using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Sector bend (MAD-X SBEND; RBEND is converted to it by the reader). The body is the exact map
/// of a uniform dipole field in the curved frame (no paraxial expansion, so the h x curvature term
/// that governs a 1.4 m-radius ring's chromaticity is exact). A gradient K1 or K2 is added by
/// fourth-order splitting with the exact dipole flow as the "drift". Edges: the MAD-X/pyAT linear
/// edge focusing with the FINT/HGAP fringe correction. Positive ANGLE bends towards -x.
/// </summary>
public sealed class SectorBend : Element
{
    public SectorBend(string name, double length, double angle, double k1 = 0, double k2 = 0,
        double e1 = 0, double e2 = 0, double fint = 0, double fintx = double.NaN, double hgap = 0,
        double tilt = 0) : base(name, length)
    {
        if (length <= 0) throw new OpticsException($"bend {name}: length must be positive (got {length})");
        Angle = angle; K1 = k1; K2 = k2; E1 = e1; E2 = e2; Fint = fint;
        Fintx = double.IsNaN(fintx) ? fint : fintx; Hgap = hgap; TiltAngle = tilt;
    }

    public double Angle { get; }
    public double K1 { get; }
    public double K2 { get; }
    public double E1 { get; }
    public double E2 { get; }
    public double Fint { get; }
    public double Fintx { get; }
    public double Hgap { get; }
    public double TiltAngle { get; }
    public double Curvature => Angle / Length;
    public override string Keyword => "sbend";

    public override void Track<T>(ref Phase<T> p, in TrackContext context)
    {
        Tilt.Rotate(ref p, TiltAngle);
        DipoleEdge.Apply(ref p, Curvature, E1, Fint, Hgap);
        BendBody.Apply(ref p, Length, Curvature, K1, K2);
        DipoleEdge.Apply(ref p, Curvature, E2, Fintx, Hgap);
        Tilt.Rotate(ref p, -TiltAngle);
    }

    public override IEnumerable<Element> IntegrationSteps(double sliceLength)
    {
        int slices = Math.Max(1, (int)Math.Ceiling(Length / sliceLength - 1e-9));
        double piece = Length / slices;
        yield return new DipoleEdge(Name, Curvature, E1, Fint, Hgap, TiltAngle);
        for (int i = 0; i < slices; i++)
        {
            yield return new BendBody(Name, piece / 2, Curvature, K1, K2, TiltAngle);
            yield return new RadiationPoint(Name, piece, Curvature, K1, TiltAngle);
            yield return new BendBody(Name, piece / 2, Curvature, K1, K2, TiltAngle);
        }
        yield return new DipoleEdge(Name, Curvature, E2, Fintx, Hgap, TiltAngle);
    }
}

/// <summary>The body of a bend without its edges: one integration step of <see cref="SectorBend"/>.</summary>
public sealed class BendBody(string name, double length, double curvature, double k1, double k2, double tilt)
    : Element(name, length)
{
    private static readonly double Cube2 = Math.Cbrt(2);
    private static readonly double W1 = 1 / (2 - Cube2), W0 = -Cube2 / (2 - Cube2);

    public override string Keyword => "sbend";

    public override void Track<T>(ref Phase<T> p, in TrackContext context)
    {
        Tilt.Rotate(ref p, tilt);
        Apply(ref p, Length, curvature, k1, k2);
        Tilt.Rotate(ref p, -tilt);
    }

    public static void Apply<T>(ref Phase<T> p, double length, double h, double k1, double k2) where T : struct, IScalar<T>
    {
        if (k1 == 0 && k2 == 0)
        {
            Exact(ref p, length, h);
            return;
        }
        // Gradient by splitting; one 4th-order step per ~5 cm keeps the error far below 1e-6.
        int steps = Math.Max(1, (int)Math.Ceiling(length / 0.05));
        double step = length / steps;
        Span<double> knl = [0, k1, k2];
        for (int i = 0; i < steps; i++)
        {
            Exact(ref p, W1 * step / 2, h);
            MultipoleKick.Apply(ref p, knl, [], W1 * step);
            Exact(ref p, (W0 + W1) * step / 2, h);
            MultipoleKick.Apply(ref p, knl, [], W0 * step);
            Exact(ref p, (W0 + W1) * step / 2, h);
            MultipoleKick.Apply(ref p, knl, [], W1 * step);
            Exact(ref p, W1 * step / 2, h);
        }
    }

    /// <summary>
    /// Exact flow of a uniform field B = h B rho0 along the reference arc of length L: the particle
    /// moves on a circle of radius P_h/h in the horizontal plane (P_h the horizontal momentum);
    /// its exit follows from intersecting that circle with the exit face. Negative lengths (from
    /// the splitting coefficients) run the flow backwards, which the formulas allow.
    /// </summary>
    public static void Exact<T>(ref Phase<T> p, double length, double h) where T : struct, IScalar<T>
    {
        if (length == 0) return;
        if (h == 0)
        {
            Drift.Apply(ref p, length);
            return;
        }
        double theta = h * length, rho = 1 / h, c = Math.Cos(theta), s = Math.Sin(theta);
        T onePlus = p.Delta + 1.0;
        T horizontal2 = onePlus * onePlus - p.Py * p.Py;
        T pz = T.Sqrt(horizontal2 - p.Px * p.Px);
        T px1 = p.Px * c + (pz - (p.X * h + 1.0)) * s;
        T pz1 = T.Sqrt(horizontal2 - px1 * px1);
        T x1 = p.X * c + (pz1 - pz * c + p.Px * s + (c - 1)) * rho;
        T turned = T.Atan2(p.Px, pz) - T.Atan2(px1, pz1) + theta;   // turning angle of the momentum
        p.Y = p.Y + p.Py * turned * rho;
        p.Ct = p.Ct + onePlus * turned * rho - length;
        p.X = x1;
        p.Px = px1;
    }
}

/// <summary>
/// Linear dipole edge with fringe (MAD-X DIPEDGE, pyAT edge): dpx = h tan(e) x,
/// dpy = -h tan(e - psi/(1+delta)) y with psi = 2 h HGAP FINT (1 + sin^2 e)/cos e. The delta
/// dependence of the vertical term comes from a potential, so ct gets the matching term and the
/// map stays symplectic in 6-D.
/// </summary>
public sealed class DipoleEdge(string name, double curvature, double edgeAngle, double fint, double hgap, double tilt)
    : Element(name, 0)
{
    public override string Keyword => "dipedge";

    public override void Track<T>(ref Phase<T> p, in TrackContext context)
    {
        Tilt.Rotate(ref p, tilt);
        Apply(ref p, curvature, edgeAngle, fint, hgap);
        Tilt.Rotate(ref p, -tilt);
    }

    public static void Apply<T>(ref Phase<T> p, double h, double e, double fint, double hgap) where T : struct, IScalar<T>
    {
        if (h == 0 || (e == 0 && (fint == 0 || hgap == 0))) return;
        double psi = 2 * h * hgap * fint * (1 + Math.Sin(e) * Math.Sin(e)) / Math.Cos(e);
        p.Px = p.Px + p.X * (h * Math.Tan(e));
        if (psi == 0)
        {
            p.Py = p.Py - p.Y * (h * Math.Tan(e));
            return;
        }
        T inv = T.Constant(1) / (p.Delta + 1.0);
        T arg = T.Constant(e) - inv * psi;
        T cosArg = T.Cos(arg);
        T tanArg = T.Sin(arg) / cosArg;
        // d/d(delta) of h tan(e - psi/(1+delta)) = h psi / (cos^2 (1+delta)^2)
        T slope = inv * inv * (h * psi) / (cosArg * cosArg);
        p.Ct = p.Ct - slope * p.Y * p.Y * 0.5;
        p.Py = p.Py - tanArg * p.Y * h;
    }
}
