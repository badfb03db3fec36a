using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// The lifetime estimates against the Gaussian beam's closed forms: the exact mean time to the aperture,
/// (tau/2)(Ei(x) - ln x - gamma_E), and its large-x form, Sands's tau e^x / 2x (M. Sands, SLAC-121 (1970) ch. 5).
/// </summary>
public class BeamLifetimeTests
{
    // Ei(x) - ln x - gamma_E at x = 1, 5 and 12.5 from Ei(1) = 1.8951178163559368, Ei(5) = 40.185275355803177
    // (Abramowitz & Stegun Table 5.1) and Ei(12.5) = 23565.117588552336 (mpmath 30 digits, mpmath.ei).
    [Theory]
    [InlineData(1.0, 1.8951178163559368)]
    [InlineData(5.0, 40.185275355803177)]
    [InlineData(12.5, 23565.117588552336)]
    public void GaussianLifetimeIsTheExactMeanTimeToTheAperture(double x, double ei)
    {
        const double eulerGamma = 0.57721566490153286;
        double expected = 0.5 * (ei - Math.Log(x) - eulerGamma);
        Assert.Equal(expected, BeamLifetime.Gaussian(1, Math.Sqrt(2 * x)), expected * 1e-12);
    }

    // On an exact Gaussian table, P(A > a) = exp(-a^2/2), both the measured-density estimate (between thresholds)
    // and the extrapolation from the last decade with 30 samples give Sands's form, the flux the Gaussian density
    // carries: the latter from 1e6 samples (the last such decade ends near 4.5 rms) out to 10 rms.
    [Fact]
    public void DensityAndExtrapolationOfAGaussianTailGiveSandsLifetime()
    {
        double[] thresholds = [.. Enumerable.Range(0, 81).Select(i => i * 0.25)];
        double[] beyond = [.. thresholds.Select(a => Math.Exp(-a * a / 2))];
        static double Sands(double a) => Math.Exp(a * a / 2) / (a * a);
        Assert.Equal(Sands(4.1), BeamLifetime.FromDensity(1, 4.1, thresholds, beyond)!.Value, Sands(4.1) * 1e-9);
        double extrapolated = BeamLifetime.Extrapolated(1, 10, thresholds, beyond, 1_000_000)!.Value;
        Assert.Equal(Sands(10), extrapolated, Sands(10) * 1e-9);
    }
}
