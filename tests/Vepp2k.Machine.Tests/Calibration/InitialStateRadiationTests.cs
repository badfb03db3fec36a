using Vepp2k.Machine.Calibration;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Calibration;

public class InitialStateRadiationTests(ITestOutputHelper output)
{
    private const double M = 1019.461e6, Gamma = 4.249e6, Threshold = 987.354e6;

    [Fact]
    public void RadiatorIntegratesToXMaxPowerBeta()
    {
        // integral_0^xmax beta x^(beta-1) dx = xmax^beta exactly: the quadrature of a constant Born cross-section.
        double w = 1030e6, beta = InitialStateRadiation.Beta(w), xMax = 1 - Threshold * Threshold / (w * w);
        Assert.Equal(Math.Pow(xMax, beta), InitialStateRadiation.Convolve(_ => 1.0, w, Threshold), 1e-9);
    }

    [Fact]
    public void PeakReductionIsTheHandFormula()
    {
        // Hand check. At W = M the Born shape of W sqrt(1 - x) is exactly 1 / (1 + (x / x0)^2) with x0 = Gamma / M, so
        // ratio = beta x0^beta integral_0^(xmax/x0) u^(beta-1) / (1 + u^2) du, and integral_0^inf = pi / (2 sin(pi beta / 2)):
        // ratio ~ (Gamma / M)^beta (pi beta / 2) / sin(pi beta / 2), less a tail beta x0^beta U^(beta-2) / (2 - beta), U = xmax / x0.
        // beta = (2 alpha / pi)(2 ln(M / m_e) - 1) = 0.0660: the radiated soft photons pull ~30 % of the peak into the tail.
        double alpha = 1 / 137.035999, beta = 2 * alpha / Math.PI * (2 * Math.Log(M / 0.51099895e6) - 1);
        double x0 = Gamma / M, u = (1 - Threshold * Threshold / (M * M)) / x0;
        double hand = Math.Pow(x0, beta) * (Math.PI * beta / 2) / Math.Sin(Math.PI * beta / 2)
            - beta * Math.Pow(x0, beta) * Math.Pow(u, beta - 2) / (2 - beta);
        var shape = new PhiLineShape(0);
        double ratio = shape.Visible(M) / PhiResonance.BreitWigner(M);
        output.WriteLine($"beta = {beta:F5}; ISR peak / Born peak: code {ratio:F5}, hand {hand:F5}");
        Assert.InRange(hand, 0.68, 0.72);
        Assert.Equal(hand, ratio, 0.005 * hand);
    }

    [Fact]
    public void EnergySpreadLowersThePeakAsAGaussianSmearOfALorentzian()
    {
        // A Lorentzian of half-width g smeared by a narrow Gaussian sigma loses 1 - sigma^2 / g^2 at its top (second-order
        // Taylor). Just above the radiative peak the ISR shape is no longer a Lorentzian, so compare ratios at the top only
        // loosely: smeared / unsmeared within 0.3 % of 1 - (sigma_W / (Gamma / 2))^2 for sigma_W = sqrt 2 x 3.7e-4 x M / 2.
        double sigmaW = Math.Sqrt(2) * 3.7e-4 * M / 2, expected = 1 - sigmaW * sigmaW / (Gamma * Gamma / 4);
        double smeared = new PhiLineShape(3.7e-4).Visible(M), bare = new PhiLineShape(0).Visible(M);
        output.WriteLine($"sigma_W = {sigmaW / 1e6:F4} MeV; smeared / bare at M: {smeared / bare:F5}, Lorentzian estimate {expected:F5}");
        Assert.Equal(expected, smeared / bare, 3e-3);
    }
}
