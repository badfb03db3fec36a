using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Thick solenoid with hard-edge fringe, KS = B_s/(B rho) as in MAD-X. Written in canonical
/// momenta, so the entrance and exit kicks of the hard edge are contained in the body map:
/// the exact solution of H = ((px + K y)^2 + (py - K x)^2)/(2(1+delta)) with K = KS/2.
/// At delta = 0 it is the matrix of beam-physics.md section 6.2 (Larmor rotation by K L).
/// </summary>
public sealed class Solenoid(string name, double length, double ks) : Element(name, length)
{
    public double Ks { get; } = ks;
    public override string Keyword => "solenoid";

    /// <summary>Larmor rotation angle of the transverse plane at the reference momentum [rad].</summary>
    public double RotationAngle => Ks * Length / 2;

    public override Element Reversed() => new Solenoid(Name, Length, -Ks);

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    // sin(x)/x switches to a power series at small rotation; lanes on both sides go one by one.
    public override void Track(ref Phase<Vec4> p, in TrackContext context)
    {
        if (Length == 0) return;
        if (Series.SinOverXSameBranch(Vec4.Constant(1) / (p.Delta + 1.0) * (Ks / 2) * Length)) Map(ref p, context);
        else TrackPerLane(ref p, context);
    }

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        if (Length == 0) return;
        T inv = T.Constant(1) / (p.Delta + 1.0);
        T g = inv * (Ks / 2);
        T theta = g * Length;
        T c = T.Cos(theta), s = T.Sin(theta);
        T sOverG = Series.SinOverX(theta) * Length;   // sin(gL)/g
        T xp = p.Px * inv, yp = p.Py * inv, x = p.X, y = p.Y;

        // The kinetic slope magnitude is constant along the helix: path length in one step.
        T kx = xp + g * y, ky = yp - g * x;
        p.Ct = p.Ct + (kx * kx + ky * ky) * (0.5 * Length);

        T cc = c * c, sc = s * c, ss = s * s;
        T x1 = cc * x + sOverG * c * xp + sc * y + s * sOverG * yp;
        T xp1 = -(g * sc * x) + cc * xp - g * ss * y + sc * yp;
        T y1 = -(sc * x) - s * sOverG * xp + cc * y + c * sOverG * yp;
        T yp1 = g * ss * x - sc * xp - g * sc * y + cc * yp;
        T onePlus = p.Delta + 1.0;
        p.X = x1; p.Px = xp1 * onePlus; p.Y = y1; p.Py = yp1 * onePlus;
    }
}
