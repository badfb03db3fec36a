using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The hard-edge face of a sector bend (entrance or exit): the second-order fringe terms of
/// TRANSPORT and MAD-X (routine TMFRNG, the terms MAD-X, PTC and pyAT all apply at every bend face,
/// even with no edge angle and no FINT/HGAP), followed by the linear edge focusing of
/// <see cref="DipoleEdge"/>. At zero edge angle the terms are x += s h y^2/2 and py -= s h px y
/// (s = +1 at the entrance, -1 at the exit): the longitudinal field of the fringe acting on a
/// particle that crosses it at an angle. With an edge angle e the terms in tan e and the body
/// gradient K1 join them.
/// <para>
/// The terms are written as the Lie map exp(:g:) of one cubic generator g applied before the linear
/// kick; that order reproduces TMFRNG's second-order array exactly at both faces (docs/physics.md
/// shows the check). g is split into three parts whose flows are exact, so the face is symplectic
/// in 6-D; the momentum enters as px/(1+delta), as the physical angle does.
/// </para>
/// </summary>
public sealed class BendFace(string name, double curvature, double k1, double edgeAngle, double fint, double hgap,
    double tilt, int side) : Element(name, 0)
{
    public override string Keyword => "dipedge";

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, tilt);
        Apply(ref p, curvature, k1, edgeAngle, fint, hgap, side);
        Tilt.Rotate(ref p, -tilt);
    }

    /// <param name="side">+1 for the entrance face, -1 for the exit face.</param>
    public static void Apply<T>(ref Phase<T> p, double h, double k1, double e, double fint, double hgap, int side)
        where T : struct, IScalar<T>
    {
        if (h == 0) return;
        SecondOrder(ref p, h, k1, e, side);
        DipoleEdge.Apply(ref p, h, e, fint, hgap);
    }

    /// <summary>
    /// exp(:g:) with g = g1 + g2 + g3 (the parts commute to the order kept):
    /// g1 = -(s h sec^2 e / 2) y^2 px/(1+delta),
    /// g2 = (s h tan^2 e / 2) (x^2 px - 2 x y py)/(1+delta),
    /// g3 = A x^3/3 + B x y^2 with A and B from TMFRNG's T211, T233 and T413 carried through the
    /// linear kick. Coordinates: (x, px), (y, py), (-ct, delta) are the canonical pairs.
    /// </summary>
    private static void SecondOrder<T>(ref Phase<T> p, double h, double k1, double e, int side)
        where T : struct, IScalar<T>
    {
        double s = side, t = Math.Tan(e), sec2 = 1 + t * t;
        T inv = T.Constant(1) / (p.Delta + 1.0);

        // g1: y, px and delta are constants of its flow, so one step is exact.
        T c1 = inv * (s * h * sec2 / 2);
        p.Ct = p.Ct + c1 * inv * p.Y * p.Y * p.Px;
        p.X = p.X + c1 * p.Y * p.Y;
        p.Py = p.Py - c1 * p.Y * p.Px * 2.0;

        if (t != 0)
        {
            // g2 = a B with B = x^2 px - 2 x y py conserved along its flow; with u = 1 + a x0:
            // x = x0/u, y = y0 u^2, py = py0/u^2, px = px0 u^2 - 2 a y0 py0 u.
            T a = inv * (s * h * t * t / 2);
            T b = p.X * p.X * p.Px - p.X * p.Y * p.Py * 2.0;
            T u = a * p.X + 1.0;
            T yPy = p.Y * p.Py;
            p.Ct = p.Ct - a * b * inv;
            p.Px = p.Px * u * u - a * yPy * u * 2.0;
            p.X = p.X / u;
            p.Y = p.Y * u * u;
            p.Py = p.Py / (u * u);
        }

        // g3: a pure kick.
        double h2 = h * h, t3 = t * t * t;
        double quadratic = side > 0 ? k1 * t + h2 * t3 / 2 : k1 * t - h2 * t3;
        double cross = side > 0 ? h2 * t3 / 2 - k1 * t : h2 * t / 2 - k1 * t;
        if (quadratic == 0 && cross == 0) return;
        p.Px = p.Px + p.X * p.X * quadratic + p.Y * p.Y * cross;
        p.Py = p.Py + p.X * p.Y * (2 * cross);
    }
}
