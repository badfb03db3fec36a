using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

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

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
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
