using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// Low-current luminosity against the geometric formula L = f0 N^2 H / (4 pi sigma*^2) (beam-physics.md
/// 2.1) with the tabulated hourglass factors of round beams (H = 0.95266 at beta*/sigma_s = 0.1/0.033,
/// 0.93411 at 0.1/0.04, 0.91998 at 0.1/0.045) and of one plane only (0.97553 at 0.1/0.033).
/// </summary>
public class LuminosityTests
{
    private const double F0 = 12.29262e6, N = 1e11, Sigma = 1e-4;

    private static GaussianBunch Bunch(double betaX, double betaY, double sigmaZ) => new(N,
        PlaneMoments.FromTwiss(Sigma * Sigma / betaX, betaX), PlaneMoments.FromTwiss(Sigma * Sigma / betaY, betaY), sigmaZ);

    [Theory]
    [InlineData(0.033, 0.95266)]
    [InlineData(0.040, 0.93411)]
    [InlineData(0.045, 0.91998)]
    public void OverlapOfTwoRoundBunchesHasTheHourglassFactor(double sigmaZ, double hourglass)
    {
        double geometric = F0 * N * N / (4 * Math.PI * Sigma * Sigma);
        var bunch = Bunch(0.1, 0.1, sigmaZ);
        Assert.Equal(hourglass, Luminosity.Overlap(F0, bunch, bunch, 200) / geometric, 1e-3);
    }

    // Hourglass in y alone (beta_x far larger than sigma_s).
    [Fact]
    public void OverlapWithTheHourglassInOnePlane()
    {
        double geometric = F0 * N * N / (4 * Math.PI * Sigma * Sigma);
        var bunch = Bunch(1e3, 0.1, 0.033);
        Assert.Equal(0.97553, Luminosity.Overlap(F0, bunch, bunch, 200) / geometric, 1e-3);
    }

    // The weak-strong estimator over a sampled Gaussian weak beam equal to the strong one (2e5
    // particles: statistical error ~0.15 %) gives the same luminosity to 1 %.
    [Fact]
    public void WeakStrongEstimatorOverAGaussianBeamGivesTheHourglassLuminosity()
    {
        var bunch = Bunch(0.1, 0.1, 0.033);
        var kick = new SynchroBeamKick(bunch, 15, Constants.Gamma(1e9));
        var random = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double angle = Math.Sqrt(bunch.X.AngleVariance);
        var particles = Enumerable.Range(0, 200_000).Select(_ => new[]
            { Sigma * Normal(), angle * Normal(), Sigma * Normal(), angle * Normal(), 0, 0.033 * Normal() }).ToList();
        double geometric = F0 * N * N / (4 * Math.PI * Sigma * Sigma);
        Assert.Equal(0.95266, Luminosity.WeakStrong(F0, N, kick, particles) / geometric, 0.01);
    }
}
