using System.Globalization;
using System.Numerics;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Physics.Tests.BeamBeam;

public class FaddeevaTests
{
    // 1764 points of the first quadrant, 1e-6..1e4 in x and y, from scipy.special.wofz
    // (Reference/faddeeva.csv, written by bench/peers/faddeeva_reference.py).
    [Fact]
    public void AgreesWithScipyToTwoParts_In1e14()
    {
        double worst = 0;
        int points = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Reference", "faddeeva.csv")))
        {
            if (line.StartsWith('#') || line.StartsWith('x')) continue;
            var v = line.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            var expected = new Complex(v[2], v[3]);
            worst = Math.Max(worst, (Faddeeva.W(new Complex(v[0], v[1])) - expected).Magnitude / expected.Magnitude);
            points++;
        }
        Assert.Equal(1764, points);
        Assert.True(worst < 5e-14, $"worst relative error {worst:E2}");
    }

    // Closed forms on the axes: w(iy) = exp(y^2) erfc(y) and w(x) = exp(-x^2) + (2i/sqrt(pi)) D(x),
    // with erfc(1) = 0.157299207050285 and Dawson's D(1) = 0.538079506912768 (Abramowitz & Stegun
    // 7.1.3/7.1.16 and Table 7.5 to its 10 digits).
    [Fact]
    public void MatchesClosedFormsOnTheAxes()
    {
        Assert.Equal(1.0, Faddeeva.W(Complex.Zero).Real, 14);
        Assert.Equal(Math.E * 0.157299207050285, Faddeeva.W(Complex.ImaginaryOne).Real, 13);
        var w1 = Faddeeva.W(Complex.One);
        Assert.Equal(Math.Exp(-1), w1.Real, 13);
        Assert.Equal(2 / Math.Sqrt(Math.PI) * 0.5380795069, w1.Imaginary, 9);
    }

    // Below the real axis through w(z) = 2 exp(-z^2) - w(-z); and w(-conj z) = conj w(z).
    [Fact]
    public void HonoursItsSymmetries()
    {
        var z = new Complex(0.7, 0.4);
        var mirrored = Faddeeva.W(-Complex.Conjugate(z));
        Assert.True((mirrored - Complex.Conjugate(Faddeeva.W(z))).Magnitude < 1e-15);
        var below = Faddeeva.W(-z);
        Assert.True((below - (2 * Complex.Exp(-z * z) - Faddeeva.W(z))).Magnitude < 1e-15);
    }
}
