using System.Runtime.Intrinsics;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// The 6-D weak-strong beam-beam map of Hirata, Moshammer and Ruggiero (Part. Accel. 40 (1993) 205;
/// beam-physics.md 3.2), head-on (VEPP-2000 has no crossing angle, so no Lorentz boost): the strong
/// bunch in equal-charge slices, each met at its collision point S = (z - z_j)/2, where the weak
/// particle is drifted to, kicked by the slice's field at the slice's hourglass size, and drifted
/// back. The drift to a z-dependent S and the z-dependence of the slice size make the energy change;
/// with them the map is symplectic in (x, px, y, py, z = -ct, delta). Angles are taken as px, py
/// (the paraxial, beta = 1 form of the original). A tilted bunch (<see cref="GaussianBunch.Tilt"/>) is met in
/// its own frame: the particle is turned into it about the bunch centre and back after the kick, exact for a
/// bunch whose frame stays the same through the collision (checked where the bunch is made).
/// </summary>
public sealed class SynchroBeamKick
{
    private readonly GaussianBunch bunch;
    private readonly double[] centroids;
    private readonly double strength;

    /// <param name="gamma">Lorentz factor of the weak beam.</param>
    public SynchroBeamKick(GaussianBunch bunch, int slices, double gamma)
    {
        this.bunch = bunch;
        centroids = Slicing.Centroids(bunch.SigmaZ, slices);
        // Delta p / p0 = K F per slice with K = q_s q_w 2 N_j r_e / gamma (F = 2 pi eps0 E per unit density).
        strength = bunch.ChargeProduct * 2 * bunch.Population / slices * Constants.ClassicalElectronRadius / gamma;
        cos = Math.Cos(bunch.Tilt);
        sin = Math.Sin(bunch.Tilt);
    }

    private readonly double cos, sin;

    public GaussianBunch Bunch => bunch;
    public int Slices => centroids.Length;

    /// <summary>Applies the map to one particle, z in engine order (x, px, y, py, delta, ct).</summary>
    public void Apply(Span<double> z)
    {
        double x = z[0] - bunch.CenterX, px = z[1], y = z[2] - bunch.CenterY, py = z[3], delta = z[4];
        if (sin != 0) BunchFrame.Into(ref x, ref px, ref y, ref py, cos, sin);
        double longitudinal = bunch.CenterCt - z[5];   // z of the particle relative to the strong bunch's centre
        foreach (double zj in centroids)
        {
            double s = (longitudinal - zj) / 2;
            var f = GaussianField.Evaluate(x + px * s, y + py * s, bunch.X.VarianceAt(s), bunch.Y.VarianceAt(s));
            double fx = strength * f.Fx, fy = strength * f.Fy;
            // dS/dz = 1/2 turns the potential's sigma^2 dependence into the energy kick.
            double fz = 0.5 * strength * (f.Gx * bunch.X.SlopeAt(s) + f.Gy * bunch.Y.SlopeAt(s));
            delta += fz + 0.5 * (fx * (px + 0.5 * fx) + fy * (py + 0.5 * fy));
            x -= s * fx; px += fx;
            y -= s * fy; py += fy;
        }
        if (sin != 0) BunchFrame.Back(ref x, ref px, ref y, ref py, cos, sin);
        z[0] = x + bunch.CenterX; z[1] = px; z[2] = y + bunch.CenterY; z[3] = py; z[4] = delta;
    }

    /// <summary>
    /// The map for four particles at once: the same arithmetic as <see cref="Apply(Span{double})"/> in SIMD, the
    /// field's branch (round or elliptical) taken lane by lane (<see cref="GaussianFieldVector"/>).
    /// </summary>
    public void Apply(ref Phase<Vec4> p)
    {
        var x = p.X.V - Vector256.Create(bunch.CenterX);
        var y = p.Y.V - Vector256.Create(bunch.CenterY);
        var px = p.Px.V;
        var py = p.Py.V;
        var longitudinal = Vector256.Create(bunch.CenterCt) - p.Ct.V;
        if (sin != 0)
        {
            var (c, sn) = (Vector256.Create(cos), Vector256.Create(sin));
            (x, y) = (x * c + y * sn, y * c - x * sn);
            (px, py) = (px * c + py * sn, py * c - px * sn);
        }
        var delta = p.Delta.V;
        var k = Vector256.Create(strength);
        foreach (double zj in centroids)
        {
            var s = (longitudinal - Vector256.Create(zj)) * 0.5;
            var (fx0, fy0, gx, gy) = GaussianFieldVector.Evaluate(x + px * s, y + py * s, VarianceAt(bunch.X, s), VarianceAt(bunch.Y, s));
            var fx = k * fx0;
            var fy = k * fy0;
            var fz = k * (gx * SlopeAt(bunch.X, s) + gy * SlopeAt(bunch.Y, s)) * 0.5;
            delta += fz + (fx * (px + fx * 0.5) + fy * (py + fy * 0.5)) * 0.5;
            x -= s * fx; px += fx;
            y -= s * fy; py += fy;
        }
        if (sin != 0)
        {
            var (c, sn) = (Vector256.Create(cos), Vector256.Create(-sin));
            (x, y) = (x * c + y * sn, y * c - x * sn);
            (px, py) = (px * c + py * sn, py * c - px * sn);
        }
        p.X = new(x + Vector256.Create(bunch.CenterX)); p.Px = new(px);
        p.Y = new(y + Vector256.Create(bunch.CenterY)); p.Py = new(py);
        p.Delta = new(delta);
    }

    private static Vector256<double> VarianceAt(PlaneMoments m, Vector256<double> s) =>
        Vector256.Create(m.Variance) + s * (Vector256.Create(2 * m.Covariance) + s * m.AngleVariance);

    private static Vector256<double> SlopeAt(PlaneMoments m, Vector256<double> s) =>
        (Vector256.Create(m.Covariance) + s * m.AngleVariance) * 2.0;

    /// <summary>
    /// The weak-strong luminosity integrand of one particle (beam-physics.md 3.4): the strong slices'
    /// transverse densities at the particle's collision points, averaged over slices [1/m^2]. Times
    /// f0 N_weak N_strong and averaged over the weak beam it is the luminosity, hourglass included.
    /// </summary>
    public double OverlapDensity(ReadOnlySpan<double> z)
    {
        double longitudinal = bunch.CenterCt - z[5], sum = 0;
        foreach (double zj in centroids)
        {
            double s = (longitudinal - zj) / 2;
            double vx = bunch.X.VarianceAt(s), vy = bunch.Y.VarianceAt(s);
            double x = z[0] + z[1] * s - bunch.CenterX, y = z[2] + z[3] * s - bunch.CenterY;
            double u = x * cos + y * sin, v = y * cos - x * sin;
            sum += Math.Exp(-u * u / (2 * vx) - v * v / (2 * vy)) / (2 * Math.PI * Math.Sqrt(vx * vy));
        }
        return sum / centroids.Length;
    }
}
