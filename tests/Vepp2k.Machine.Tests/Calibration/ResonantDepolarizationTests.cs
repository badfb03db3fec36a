using Xunit.Abstractions;
using Vepp2k.Machine.Calibration;

namespace Vepp2k.Machine.Tests.Calibration;

public class ResonantDepolarizationTests(ITestOutputHelper output)
{
    private static readonly RdScanSettings At750 = new() { NominalEnergyEv = 750e6, TrueOffset = 1e-4 };

    [Fact]
    public void RecoversTheSimulatedTrueEnergyWithinItsError()
    {
        var r = ResonantDepolarization.Run(At750, seed: 1);
        double truth = 750e6 * (1 + 1e-4);
        Assert.InRange(r.EnergyEv, truth - 3 * r.UncertaintyEv, truth + 3 * r.UncertaintyEv);
        // The quoted error is of the order the facility quotes (1e-6), not a tautological zero or a 1e-4 blur.
        Assert.InRange(r.UncertaintyEv / truth, 1e-7, 3e-6);
        Assert.Equal(1e-4, r.Outcome.Offset, 3 * r.Outcome.OffsetUncertainty);
        Assert.Equal(750e6, r.Outcome.NmrEnergyEv);
        Assert.Equal(CalibrationKind.ResonantDepolarization, r.Outcome.Method);
    }

    [Fact]
    public void PullsOverTwentySeedsAreUnitNormal()
    {
        double truth = At750.TrueEnergyEv;
        var pulls = Enumerable.Range(100, 20)
            .Select(seed => ResonantDepolarization.Run(At750, seed))
            .Select(r => (r.EnergyEv - truth) / r.UncertaintyEv).ToArray();
        double mean = pulls.Average();
        double rms = Math.Sqrt(pulls.Select(p => (p - mean) * (p - mean)).Sum() / (pulls.Length - 1));
        output.WriteLine($"RD pulls over 20 seeds: mean {mean:F3}, rms {rms:F3}");
        Assert.InRange(mean, -0.5, 0.5);
        Assert.InRange(rms, 0.6, 1.5);
    }

    [Fact]
    public void JumpIsTheSokolovTernovPolarisationSquaredTimesTheAnalyzingPower()
    {
        var r = ResonantDepolarization.Run(At750, seed: 7);
        // Independent: tau = 98.66 rho^2 R / E^5 at 750.075 MeV, P = 0.9238 (1 - exp(-2 h / tau)).
        double tau = 98.66 * 1.4 * 1.4 * (24.388 / (2 * Math.PI)) / Math.Pow(0.750075, 5);
        double p = 0.9238 * (1 - Math.Exp(-7200 / tau));
        double relativeJump = r.Fit.Jump / (r.Fit.RatioBefore + r.Fit.Jump);
        Assert.Equal(0.03 * p * p, relativeJump, 4 * r.Fit.JumpError / r.Fit.RatioBefore);
        Assert.InRange(r.Fit.Chi2 / r.Fit.DegreesOfFreedom, 0.8, 1.2);
    }

    [Fact]
    public void ResonanceOutsideTheWindowIsRefused()
    {
        var far = At750 with { TrueOffset = 5e-4 };
        Assert.Throws<InvalidOperationException>(() => ResonantDepolarization.Run(far, seed: 3));
    }
}
