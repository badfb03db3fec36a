using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// Strong-strong beam-beam against theory: the particle-in-cell field of a Gaussian bunch against the closed
/// form, and the coherent dipole modes of two colliding round bunches against Yokoya's linearised Vlasov
/// result (K. Yokoya, H. Koiso, Part. Accel. 27 (1990) 181; beam-physics.md section 3.5): the sigma mode stays
/// at the lattice tune, the pi mode moves up by Y xi with Y = 1.21 for round Gaussian beams.
/// </summary>
public class StrongStrongTests
{
    [Fact]
    public void Grid_field_of_a_Gaussian_bunch_matches_the_closed_form()
    {
        const double sigma = 1e-4;
        const int particles = 200_000;
        var random = new Random(3);
        var x = new double[particles];
        var y = new double[particles];
        for (int k = 0; k < particles; k++)
        {
            double radius = sigma * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())), angle = 2 * Math.PI * random.NextDouble();
            x[k] = radius * Math.Cos(angle);
            y[k] = radius * Math.Sin(angle);
        }
        var grid = new ParticleInCellField(128, sigma / 8);
        grid.Solve(x, y);
        // Inside the core the sampled charge's own noise and the cloud-in-cell smoothing (variance + dx^2/3)
        // count; further out the field is the enclosed charge's.
        foreach (var (amplitude, tolerance) in new[] { (0.5, 0.02), (1.0, 0.02), (2.0, 0.01), (3.0, 0.005), (6.0, 0.003) })
        {
            double px = 0.6 * amplitude * sigma, py = 0.8 * amplitude * sigma;
            var (fx, fy) = grid.At(px, py);
            var exact = GaussianField.Round(px, py, sigma * sigma);
            Assert.InRange(fx / exact.Fx, 1 - tolerance, 1 + tolerance);
            Assert.InRange(fy / exact.Fy, 1 - tolerance, 1 + tolerance);
        }
    }

    [Fact]
    public void Pi_mode_of_round_beams_moves_by_the_Yokoya_factor_times_xi()
    {
        const double xi = 0.01;
        var options = new StrongStrongOptions(xi, Particles: 10_000, Turns: 1024, GridCells: 64, GridCellsPerSigma: 6);
        var result = StrongStrong.Run(options);
        foreach (var (horizontal, tune) in new[] { (true, options.TuneX), (false, options.TuneY) })
        {
            var (sigmaMode, piMode) = result.ModeTunes(horizontal);
            Assert.InRange((sigmaMode - tune) / xi, -0.02, 0.02);
            Assert.InRange((piMode - tune) / xi, 1.21 * 0.9, 1.21 * 1.1);
        }
    }

    /// <summary>
    /// The soft-Gaussian model sees the other bunch as a rigid Gaussian that moves, for which the pi mode is
    /// at xi exactly (the centroids attract with the gradient of the convolved, sqrt 2 wider Gaussian: half the
    /// incoherent one, at twice the separation); it misses the bunch's deformation that gives Y = 1.21.
    /// </summary>
    [Fact]
    public void Soft_Gaussian_model_gives_nearly_the_rigid_bunch_pi_mode_below_the_grid_solver()
    {
        const double xi = 0.01;
        var options = new StrongStrongOptions(xi, Particles: 5_000, Turns: 1024, Field: StrongStrongField.SoftGaussian);
        var (sigmaMode, piMode) = StrongStrong.Run(options).ModeTunes(horizontal: true);
        Assert.InRange((sigmaMode - options.TuneX) / xi, -0.02, 0.02);
        Assert.InRange((piMode - options.TuneX) / xi, 0.98, 1.12);
    }
}
