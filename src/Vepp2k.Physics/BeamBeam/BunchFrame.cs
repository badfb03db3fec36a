using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// The transverse frame in which a bunch is upright: turned by a tilt angle about s, u = x cos + y sin,
/// v = -x sin + y cos, the momenta likewise (a rotation, so symplectic). VEPP-2000's flat mode has its IP
/// frame turned by 45 degrees by the solenoids (docs/lattice.md): its bunches are flat along u. Where a bunch
/// is upright in the lab (round beams, uncoupled rings) the tilt is zero and nothing is turned.
/// </summary>
public static class BunchFrame
{
    /// <summary>x-y correlation below which a bunch is taken as upright (the frame's own check is the same).</summary>
    public const double UprightCorrelation = 0.01;

    /// <summary>
    /// The angle from x to the bunch's first principal axis, or 0 when the x-y correlation is below
    /// <see cref="UprightCorrelation"/> or one plane has no size (an upright or round bunch).
    /// </summary>
    public static double TiltOf(Matrix6 sigma)
    {
        double xx = sigma[0, 0], yy = sigma[2, 2], xy = sigma[0, 2];
        if (!(xx > 0 && yy > 1e-12 * xx)) return 0;
        if (Math.Abs(xy / Math.Sqrt(xx * yy)) <= UprightCorrelation) return 0;
        return 0.5 * Math.Atan2(2 * xy, xx - yy);
    }

    /// <summary>The beam matrix in the frame turned by <paramref name="tilt"/> (x, px, y, py become u, pu, v, pv).</summary>
    public static Matrix6 Turned(Matrix6 sigma, double tilt) => tilt == 0 ? sigma.Clone() : Matrix6.Sandwich(Rotation(tilt), sigma);

    /// <summary>The largest x-y correlation of the bunch in its frame over [-reach, reach] of drift from the IP.</summary>
    public static double ResidualCorrelation(Matrix6 turned, double reach)
    {
        double worst = 0;
        foreach (double s in new[] { -reach, 0, reach })
        {
            double uu = turned[0, 0] + s * (2 * turned[0, 1] + s * turned[1, 1]);
            double vv = turned[2, 2] + s * (2 * turned[2, 3] + s * turned[3, 3]);
            double uv = turned[0, 2] + s * (turned[0, 3] + turned[1, 2] + s * turned[1, 3]);
            worst = Math.Max(worst, Math.Abs(uv / Math.Sqrt(uu * vv)));
        }
        return worst;
    }

    /// <summary>Turns (x, px, y, py) of a particle into the frame (relative to the bunch centre given).</summary>
    public static void Into(ref double x, ref double px, ref double y, ref double py, double cos, double sin)
    {
        (x, y) = (x * cos + y * sin, y * cos - x * sin);
        (px, py) = (px * cos + py * sin, py * cos - px * sin);
    }

    /// <summary>Turns (u, pu, v, pv) back into the lab.</summary>
    public static void Back(ref double u, ref double pu, ref double v, ref double pv, double cos, double sin) =>
        Into(ref u, ref pu, ref v, ref pv, cos, -sin);

    private static Matrix6 Rotation(double tilt)
    {
        double c = Math.Cos(tilt), s = Math.Sin(tilt);
        var r = Matrix6.Identity();
        r[0, 0] = c; r[0, 2] = s; r[2, 0] = -s; r[2, 2] = c;
        r[1, 1] = c; r[1, 3] = s; r[3, 1] = -s; r[3, 3] = c;
        return r;
    }
}
