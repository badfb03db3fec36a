using MathNet.Numerics.Integration;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Physics.Tests.BeamBeam;

public class GaussianFieldTests
{
    // Independent truth: Coulomb's law summed over the charge. Around the field point r, with
    // r' = r + rho (cos phi, sin phi), (r - r')/|r - r'|^2 d^2r' = -(cos phi, sin phi) d rho d phi, so
    // F(r) = -integral of density(r') (cos phi, sin phi) d rho d phi has no singularity left: the
    // trapezoid rule in phi (periodic, spectrally accurate) times Gauss-Legendre in rho.
    private static (double Fx, double Fy) Coulomb(double x, double y, double sx, double sy)
    {
        const int angles = 400;
        double reach = Math.Sqrt(x * x + y * y) + 12 * Math.Max(sx, sy), fx = 0, fy = 0;
        for (int k = 0; k < angles; k++)
        {
            var (sin, cos) = Math.SinCos(2 * Math.PI * k / angles);
            double radial = 0;
            for (int piece = 0; piece < 16; piece++)
                radial += GaussLegendreRule.Integrate(rho =>
                {
                    double u = x + rho * cos, v = y + rho * sin;
                    return Math.Exp(-u * u / (2 * sx * sx) - v * v / (2 * sy * sy));
                }, reach * piece / 16, reach * (piece + 1) / 16, 32);
            fx -= cos * radial;
            fy -= sin * radial;
        }
        double norm = 2 * Math.PI / angles / (2 * Math.PI * sx * sy);
        return (fx * norm, fy * norm);
    }

    public static TheoryData<double, double, double, double> Points => new()
    {
        { 0.3, 0.2, 1, 1 }, { 1.5, -2.0, 1, 1 }, { -4, 3, 1, 1 },           // round (in units of sigma)
        { 0.5, 0.5, 2, 1 }, { -3, 1.2, 2, 1 }, { 2.5, -0.3, 1, 3 },          // elliptical, both orientations
        { 10, 0.2, 10, 1 }, { 0.05, 2, 10, 1 }, { -0.4, -0.7, 1.02, 1 },     // flat, and nearly round
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void FieldIsCoulombsLawOverTheGaussian(double x, double y, double sx, double sy)
    {
        const double sigma = 1e-4;   // SI scale of VEPP-2000's beams at the IP
        var truth = Coulomb(x * sigma, y * sigma, sx * sigma, sy * sigma);
        var field = GaussianField.Evaluate(x * sigma, y * sigma, sx * sx * sigma * sigma, sy * sy * sigma * sigma);
        double scale = Math.Max(Math.Abs(truth.Fx), Math.Abs(truth.Fy));
        Assert.Equal(truth.Fx, field.Fx, scale * 1e-9);
        Assert.Equal(truth.Fy, field.Fy, scale * 1e-9);
    }

    // Bassetti-Erskine tends to the round closed form as sigma_x -> sigma_y: the difference at the mean
    // variance is first order in d = (sx^2 - sy^2)/(sx^2 + sy^2) and shrinks with it, also across the switch.
    [Fact]
    public void EllipticalTendsToRound()
    {
        const double x = 0.8e-4, y = -1.3e-4, s2 = 1e-8;
        var round = GaussianField.Round(x, y, s2);
        double size = Math.Sqrt(round.Fx * round.Fx + round.Fy * round.Fy);
        foreach (double d in new[] { 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 2e-7, 5e-8 })
        {
            var (fx, fy) = GaussianField.Elliptical(x, y, s2 * (1 + d), s2 * (1 - d));
            var switched = GaussianField.Evaluate(x, y, s2 * (1 + d), s2 * (1 - d));
            double gap = Math.Sqrt(Math.Pow(fx - round.Fx, 2) + Math.Pow(fy - round.Fy, 2)) / size;
            Assert.True(gap < Math.Max(d, 3e-7), $"d = {d}: Bassetti-Erskine differs from round by {gap:E2}");
            Assert.True(Math.Abs(switched.Fx - round.Fx) / size < Math.Max(d, 1e-7), $"d = {d}: switched field off by {Math.Abs(switched.Fx - round.Fx) / size:E2}");
        }
    }

    // G_x = (1/2) dF_x/dx (the Gaussian potential solves the heat equation in sigma^2), by central differences.
    [Theory]
    [InlineData(0.7, -1.1, 1.0, 1.0)]
    [InlineData(2.5, 0.4, 1.0, 1.0)]
    [InlineData(0.7, -1.1, 2.0, 1.0)]
    [InlineData(-3.0, 0.5, 1.0, 4.0)]
    [InlineData(1e-6, 2e-6, 1.0, 1.0)]
    public void GTermsAreHalfTheFieldGradient(double x, double y, double sx, double sy)
    {
        const double sigma = 1e-4, h = 1e-4 * sigma;
        x *= sigma; y *= sigma;
        double vx = sx * sx * sigma * sigma, vy = sy * sy * sigma * sigma;
        var g = GaussianField.Evaluate(x, y, vx, vy);
        double dFx = (GaussianField.Evaluate(x + h, y, vx, vy).Fx - GaussianField.Evaluate(x - h, y, vx, vy).Fx) / (2 * h);
        double dFy = (GaussianField.Evaluate(x, y + h, vx, vy).Fy - GaussianField.Evaluate(x, y - h, vx, vy).Fy) / (2 * h);
        double scale = 1 / (vx + vy);
        Assert.Equal(dFx / 2, g.Gx, scale * 1e-6);
        Assert.Equal(dFy / 2, g.Gy, scale * 1e-6);
    }

    [Fact]
    public void FieldHasTheMirrorAndSwapSymmetries()
    {
        const double vx = 4e-8, vy = 1e-8, x = 1.7e-4, y = 0.6e-4;
        var f = GaussianField.Evaluate(x, y, vx, vy);
        var mx = GaussianField.Evaluate(-x, y, vx, vy);
        var my = GaussianField.Evaluate(x, -y, vx, vy);
        var swapped = GaussianField.Evaluate(y, x, vy, vx);
        Assert.Equal((-f.Fx, f.Fy, f.Gx, f.Gy), (mx.Fx, mx.Fy, mx.Gx, mx.Gy));
        Assert.Equal((f.Fx, -f.Fy, f.Gx, f.Gy), (my.Fx, my.Fy, my.Gx, my.Gy));
        Assert.Equal(f.Fx, swapped.Fy, 1e-12 * Math.Abs(f.Fx));
        Assert.Equal(f.Gx, swapped.Gy, 1e-12 * Math.Abs(f.Gx));
    }
}
