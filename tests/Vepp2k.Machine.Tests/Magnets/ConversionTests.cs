using CsCheck;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>Physics to hardware and back for every element over its whole range.</summary>
public class ConversionTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;
    private static readonly HysteresisBranch[] Branches = [HysteresisBranch.Up, HysteresisBranch.Down];

    [Theory]
    [InlineData(0.16e9)]
    [InlineData(0.5e9)]
    [InlineData(1.0e9)]
    public void StrengthCurrentStrengthRoundTrips(double energy)
    {
        foreach (var m in Catalogue.Magnets)
            foreach (var b in Branches)
            {
                double kLow = m.StrengthFromCurrent(m.MinCurrent, energy, b), kHigh = m.StrengthFromCurrent(m.MaxCurrent, energy, b);
                double scale = Math.Max(Math.Abs(kLow), Math.Abs(kHigh));
                for (int i = 0; i <= 50; i++)
                {
                    double k = kLow + (kHigh - kLow) * i / 50.0;
                    double back = m.StrengthFromCurrent(m.CurrentFromStrength(k, energy, b), energy, b);
                    Assert.True(Math.Abs(back - k) <= 1e-9 * Math.Max(Math.Abs(k), 1e-6 * scale), $"{m.Name} {b} k={k} back={back}");
                }
            }
    }

    [Theory]
    [InlineData(0.16e9)]
    [InlineData(1.0e9)]
    public void CurrentStrengthCurrentRoundTrips(double energy)
    {
        foreach (var m in Catalogue.Magnets)
            foreach (var b in Branches)
                for (int i = 0; i <= 50; i++)
                {
                    // Weighted so that both range ends are hit exactly (Min + (Max - Min) can round past Max).
                    double f = i / 50.0, current = m.MinCurrent * (1 - f) + m.MaxCurrent * f;
                    double back = m.CurrentFromStrength(m.StrengthFromCurrent(current, energy, b), energy, b);
                    Assert.True(Math.Abs(back - current) <= 1e-9 * Math.Max(Math.Abs(current), 1e-6 * m.MaxCurrent),
                        $"{m.Name} {b} I={current} back={back}");
                }
    }

    [Fact]
    public void EveryCurveIsStrictlyIncreasing()
    {
        var magnets = Catalogue.Magnets;
        Gen.Select(Gen.Int[0, magnets.Count - 1], Gen.Double[0, 1], Gen.Double[0, 1], Gen.Bool).Sample((i, u, v, down) =>
        {
            if (u == v) return;
            var m = magnets[i];
            var b = down ? HysteresisBranch.Down : HysteresisBranch.Up;
            double lo = m.MinCurrent + (m.MaxCurrent - m.MinCurrent) * Math.Min(u, v);
            double hi = m.MinCurrent + (m.MaxCurrent - m.MinCurrent) * Math.Max(u, v);
            // Strictly increasing where the currents differ by more than round-off can resolve; else equal to an ulp.
            bool resolvable = hi - lo > 1e-9 * (m.MaxCurrent - m.MinCurrent);
            double fLo = m.FieldFromCurrent(lo, b), fHi = m.FieldFromCurrent(hi, b);
            Assert.True(resolvable ? fLo < fHi : fLo <= fHi + 4e-16 * Math.Abs(fHi), $"{m.Name} {b} {lo} {hi}");
        }, iter: 5000);
    }

    [Fact]
    public void SignConventions()
    {
        Assert.True(Catalogue.Find("1D1").StrengthFromCurrent(100, 1e9) < 0);      // D quads: K1 < 0 for positive current
        Assert.True(Catalogue.Find("1F2").StrengthFromCurrent(100, 1e9) > 0);
        Assert.True(Catalogue.Find("1S3").StrengthFromCurrent(-100, 1e9) < 0);     // bipolar: sign of Bz follows the current
        Assert.Equal(Math.PI / 4, Catalogue.Find("1M1").StrengthFromCurrent(Catalogue.DipoleCurrent(0.5e9), 0.5e9), 1e-12);
    }

    [Theory]
    [InlineData("1F1", 20.0)]     // K1 beyond 52 T/m at 1 GeV
    [InlineData("2D3", 1.0)]      // a D quad cannot focus
    [InlineData("3S1", 4.5)]      // 15 T
    [InlineData("4SQ1", 1.0)]
    public void OutOfRangeStrengthIsRefusedNamingTheMagnet(string name, double strength)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Catalogue.Find(name).CurrentFromStrength(strength, 1e9));
        Assert.Contains(name, e.Message);
        Assert.Contains("outside the range", e.Message);
    }

    [Fact]
    public void OutOfRangeCurrentsAndEnergiesAreRefused()
    {
        Assert.Contains("1M1", Assert.Throws<ArgumentOutOfRangeException>(() => Catalogue.Find("1M1").FieldFromCurrent(10_001)).Message);
        Assert.Contains("2F3", Assert.Throws<ArgumentOutOfRangeException>(() => Catalogue.Find("2F3").FieldFromCurrent(-1)).Message);
        Assert.Contains("1F1X", Assert.Throws<ArgumentOutOfRangeException>(() => Catalogue.Find("1F1X").CurrentFromField(1)).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => Catalogue.DipoleCurrent(1.2e9));
    }
}
