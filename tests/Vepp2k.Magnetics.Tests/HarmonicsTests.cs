using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>The Fourier analysis against fields written down by hand, without the solver.</summary>
public sealed class HarmonicsTests
{
    [Fact]
    public void RecoversTheMultipolesOfAKnownPotential()
    {
        // a_z = -sum (R/n) (B_n cos n t - A_n sin n t) is the potential of B_y + i B_x = sum (B_n + i A_n)(z/R)^(n-1).
        const double r = 0.0133;
        var b = new Dictionary<int, (double B, double A)> { [2] = (0.8, 0.0), [3] = (1e-3, -2e-4), [6] = (-5e-4, 0), [10] = (2e-5, 3e-5) };
        var potential = Enumerable.Range(0, 256).Select(k =>
        {
            double t = 2 * Math.PI * k / 256;
            return 1e-3 - b.Sum(p => r / p.Key * (p.Value.B * Math.Cos(p.Key * t) - p.Value.A * Math.Sin(p.Key * t)));
        }).ToArray();
        var h = Harmonics.FromPotential(potential, r, 2);
        for (int n = 1; n <= 20; n++)
        {
            var (bn, an) = b.GetValueOrDefault(n);
            Assert.Equal(bn, h.Normal(n), 12);
            Assert.Equal(an, h.Skew(n), 12);
        }
        Assert.Equal(0.8 / r, h.Gradient, 9);
    }

    [Fact]
    public void AnIdealQuadrupoleFieldHasOnlyB2()
    {
        // B_y = G x, B_x = G y comes from a_z = -G (x^2 - y^2) / 2 (b = curl a: B_x = da/dy, B_y = -da/dx).
        const double g = 40, r = 0.0133;
        var potential = Enumerable.Range(0, 128).Select(k =>
        {
            double t = 2 * Math.PI * k / 128, x = r * Math.Cos(t), y = r * Math.Sin(t);
            return -g * (x * x - y * y) / 2;
        }).ToArray();
        var h = Harmonics.FromPotential(potential, r, 2);
        Assert.Equal(g, h.Gradient, 9);
        Assert.Equal(0, h.Normal(1), 12);
        Assert.Equal(0, h.Skew(2), 12);
    }

    [Fact]
    public void TheGoodFieldRegionOfAQuadrupoleWithOnlyB6IsWhereItsGradientErrorReachesTheTolerance()
    {
        // B_y + i B_x = B2 (z/R) + B6 (z/R)^5: the gradient is (B2 + 5 B6 (z/R)^4) / R, its relative
        // error 5 |b6| (r/R)^4 at every angle, 1e-3 at r = R (1e-3 / (5 |b6|))^(1/4) = 1.189 R for b6 = 1e-4.
        const double r = 0.01, b2 = 0.5, b6 = 1e-4 * b2;
        var potential = Enumerable.Range(0, 256).Select(k =>
        {
            double t = 2 * Math.PI * k / 256;
            return -(r / 2 * b2 * Math.Cos(2 * t) + r / 6 * b6 * Math.Cos(6 * t));
        }).ToArray();
        var h = Harmonics.FromPotential(potential, r, 2);
        var gfr = GoodFieldRegion.Of(h, 0.03);
        Assert.False(gfr.ReachesAperture);
        Assert.InRange(gfr.Radius / (r * Math.Pow(2, 0.25)), 0.99, 1.0);   // the search steps are 0.15 mm
        Assert.True(GoodFieldRegion.Of(h, 0.0115).ReachesAperture);
    }
}
