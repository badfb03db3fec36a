using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The hard-edge face of a sector bend, entrance or exit, as PTC's exact model builds it (E. Forest,
/// Beam Dynamics: A New Attitude and a Framework): the reference frame turned into the pole face
/// (an exact rotation in field-free space), the hard-edge fringe of the dipole field in that frame,
/// the body gradient's face terms, and the wedge of field between the pole face and the radial
/// plane where the sector body starts (an exact flow in the uniform field). Its linear part is the
/// MAD-X edge, dpx = h tan(e) x and dpy = -h tan(e - psi) y; beyond it come the second-order terms
/// MAD-X, PTC and pyAT apply at every face, even with no edge angle and no FINT/HGAP
/// (x += s h y^2/2 and py -= s h px y, s = +1 at the entrance and -1 at the exit: the fringe's
/// longitudinal field acting on a particle that crosses it at an angle), and the momentum
/// dependence of the FINT/HGAP term, psi (1 + delta). Every step is an exact symplectic flow.
/// docs/physics.md has the maps.
/// </summary>
public sealed class BendFace(string name, double curvature, double k1, double edgeAngle, double fint, double hgap,
    double tilt, int side) : Element(name, 0)
{
    private readonly BendFaceMap map = new(curvature, k1, edgeAngle, fint, hgap, side);

    public override string Keyword => "dipedge";

    public override Element Reversed() => new BendFace(Name, curvature, k1, edgeAngle, fint, hgap, tilt, -side);

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, tilt);
        map.Apply(ref p);
        Tilt.Rotate(ref p, -tilt);
    }
}

/// <summary>
/// The map of one bend face (<see cref="BendFace"/> describes it), its constants worked out when the
/// element is made: the face angle's trigonometry and the FINT/HGAP term, so a pass calls no scalar function.
/// </summary>
internal sealed class BendFaceMap
{
    private readonly double h, k1, e, psi0;
    private readonly int side;
    private readonly FaceAngle into, wedge;

    /// <param name="side">+1 for the entrance face, -1 for the exit face.</param>
    public BendFaceMap(double h, double k1, double e, double fint, double hgap, int side)
    {
        this.h = h; this.k1 = k1; this.e = e; this.side = side;
        psi0 = 2 * h * hgap * fint;
        into = new FaceAngle(e);
        wedge = new FaceAngle(-e);
    }

    public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        if (h == 0) return;
        if (side > 0)
        {
            IntoFace(ref p, into);
            Fringe(ref p);
            GradientFace(ref p);
            Wedge(ref p, wedge);
        }
        else
        {
            Wedge(ref p, wedge);
            GradientFace(ref p);
            Fringe(ref p);
            IntoFace(ref p, into);
        }
    }

    private readonly struct FaceAngle(double angle)
    {
        public readonly double Angle = angle, Cos = Math.Cos(angle), Sin = Math.Sin(angle), Tan = Math.Tan(angle), Sin2 = Math.Sin(2 * angle);
    }

    /// <summary>
    /// The frame turned by <paramref name="angle"/> about the vertical axis in field-free space, exactly
    /// (PTC's ROT_XZ): the particle keeps its momentum and is carried to the new plane.
    /// </summary>
    private static void IntoFace<T>(ref Phase<T> p, in FaceAngle angle) where T : struct, IScalar<T>
    {
        if (angle.Angle == 0) return;
        double cos = angle.Cos, sin = angle.Sin, tan = angle.Tan;
        T momentum = p.Delta + 1.0;
        T pz = T.Sqrt(momentum * momentum - p.Px * p.Px - p.Py * p.Py);
        T lean = T.Constant(1) - p.Px * tan / pz;
        T reach = p.X * tan / (pz * lean);                // path to the new plane over pz
        p.Y = p.Y + p.Py * reach;
        p.Ct = p.Ct + momentum * reach;
        p.X = p.X / (lean * cos);
        p.Px = p.Px * cos + pz * sin;
    }

    /// <summary>
    /// The flow through a wedge of uniform field (the face's curvature) of angle
    /// <paramref name="angle"/> about the vertical axis, exactly (PTC's WEDGE): the particle moves on its
    /// circle from one plane to the other.
    /// </summary>
    private void Wedge<T>(ref Phase<T> p, in FaceAngle angle) where T : struct, IScalar<T>
    {
        if (angle.Angle == 0) return;
        double cos = angle.Cos, sin = angle.Sin;
        T momentum = p.Delta + 1.0;
        T horizontal2 = momentum * momentum - p.Py * p.Py;
        T pz = T.Sqrt(horizontal2 - p.Px * p.Px);
        T px1 = p.Px * cos + (pz - p.X * h) * sin;
        T pz1 = T.Sqrt(horizontal2 - px1 * px1);
        T x1 = p.X * cos + (p.X * p.Px * angle.Sin2 + (p.X * pz * 2.0 - p.X * p.X * h) * (sin * sin))
               / (pz1 + pz * cos - p.Px * sin);
        T horizontal = T.Sqrt(horizontal2);
        T turned = (T.Constant(angle.Angle) + Asin(p.Px / horizontal) - Asin(px1 / horizontal)) / h;
        p.Y = p.Y + p.Py * turned;
        p.Ct = p.Ct + momentum * turned;
        p.X = x1;
        p.Px = px1;
    }

    private static T Asin<T>(T v) where T : struct, IScalar<T> => T.Atan2(v, T.Sqrt(T.Constant(1) - v * v));

    /// <summary>
    /// The body gradient at a face turned by e (PTC's MAD-8 wedge terms, TMFRNG's K1 terms):
    /// dpx = e K1 (x^2 - y^2), dpy = -2 e K1 x y, a kick from a potential.
    /// </summary>
    private void GradientFace<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        if (k1 == 0 || e == 0) return;
        double c = e * k1;
        T x = p.X, y = p.Y;
        p.Px = p.Px + (x * x - y * y) * c;
        p.Py = p.Py - x * y * (2 * c);
    }

    /// <summary>
    /// Forest's hard-edge fringe of the dipole field in the pole-face frame, to second order in the
    /// transverse coordinates: the flow of G = -Phi(px, delta) y^2/2 with
    /// Phi = s h tan(a - s psi0 P (1 + sin^2 a)/cos a), a = atan(px/pz) the particle's angle to the
    /// face normal, P = 1 + delta. y, px and delta are constants of the flow, so one step is exact:
    /// py -= Phi y, x += Phi_px y^2/2, ct -= Phi_delta y^2/2.
    /// </summary>
    private void Fringe<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        T momentum = p.Delta + 1.0;
        T pz = T.Sqrt(momentum * momentum - p.Px * p.Px);
        T inversePz = T.Constant(1) / pz, inverseMomentum = T.Constant(1) / momentum;
        // tan u by the difference formula from tan a = px/pz and the tangent of the FINT term, so no angle is
        // taken; without FINT/HGAP u = a, du/da = 1 and du/dP = 0.
        T tanU = p.Px * inversePz;
        T uAngle = T.Constant(1), uMomentum = T.Constant(0);
        if (psi0 != 0)
        {
            // cos and sin of a without evaluating them: (px, pz) has length P.
            T cos = pz * inverseMomentum, sin = p.Px * inverseMomentum;
            T shape = (sin * sin + 1.0) / cos;           // (1 + sin^2 a)/cos a
            T d = momentum * shape * (side * psi0);
            T tanD = T.Sin(d) / T.Cos(d);
            tanU = (tanU - tanD) / (tanU * tanD + 1.0);
            uAngle = T.Constant(1) - momentum * sin * (cos * cos + 2.0) / (cos * cos) * (side * psi0);
            uMomentum = -shape * (side * psi0);
        }
        T phi = tanU * (side * h);
        T slope = (tanU * tanU + 1.0) * (side * h);     // dPhi/du = s h / cos^2 u
        // Phi's derivatives through u(a, P); da/dpx = 1/pz, da/ddelta = -px/(P pz), dP/ddelta = 1.
        T phiPx = slope * uAngle * inversePz;
        T phiDelta = slope * (uMomentum - uAngle * p.Px * inversePz * inverseMomentum);
        T y2 = p.Y * p.Y;
        p.Py = p.Py - phi * p.Y;
        p.X = p.X + phiPx * y2 * 0.5;
        p.Ct = p.Ct - phiDelta * y2 * 0.5;
    }
}
