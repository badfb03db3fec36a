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
