using Vepp2k.Machine.Calibration;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Calibration;

public class PhiCalibrationTests(ITestOutputHelper output)
{
    [Fact]
    public void FitRecoversTheInjectedOffsetWithinItsError()
    {
        var settings = new PhiScanSettings { TrueOffset = 2e-4 };
        var r = PhiCalibration.Run(settings, seed: 1);
        output.WriteLine($"k = {r.Fit.Offset:E3} +- {r.Fit.OffsetError:E2} (stat), chi2 {r.Fit.Chi2:F1} / {r.Fit.DegreesOfFreedom}");
        Assert.Equal(2e-4, r.Fit.Offset, 3 * r.Fit.OffsetError);
        // The error is that of a scan of ~1e5 events over a 4 MeV line: tens of keV in W, i.e. a few 1e-5.
        Assert.InRange(r.Fit.OffsetError, 3e-6, 1e-4);
        Assert.Equal(2000e-37, r.Fit.PeakCrossSection, 0.05 * 2000e-37);
        Assert.Equal(r.Fit.Offset, r.Outcome.Offset, 1e-12);
        Assert.Equal(r.OffsetUncertainty, r.Outcome.OffsetUncertainty, 1e-12);
        Assert.Equal(1019.461e6 / 2, r.Outcome.ReferenceEnergyEv);
    }

    [Fact]
    public void PullsOverTwelveSeedsAreUnitNormal()
    {
        var settings = new PhiScanSettings { TrueOffset = -3e-4 };
        var pulls = Enumerable.Range(200, 12).Select(seed => PhiCalibration.Run(settings, seed))
            .Select(r => (r.Fit.Offset - settings.TrueOffset) / r.Fit.OffsetError).ToArray();
        double mean = pulls.Average();
        double rms = Math.Sqrt(pulls.Select(p => (p - mean) * (p - mean)).Sum() / (pulls.Length - 1));
        output.WriteLine($"phi pulls over 12 seeds: mean {mean:F3}, rms {rms:F3}");
        Assert.InRange(mean, -0.6, 0.6);
        Assert.InRange(rms, 0.5, 1.6);
    }

    [Fact]
    public void WithoutOffsetTheApparentMassIsThePdgMass()
    {
        var r = PhiCalibration.Run(new PhiScanSettings { TrueOffset = 0, LuminosityPerPoint = 200 / PhiScanSettings.Nanobarn }, seed: 5);
        Assert.Equal(1019.461e6, r.ApparentMassEv, 3 * r.Fit.OffsetError * 1019.461e6);
        Assert.InRange(r.Fit.Chi2 / r.Fit.DegreesOfFreedom, 0.1, 3.0);
    }

    [Fact]
    public void LargeOffsetsWithinTheScanAreFoundAndOnesBeyondItRefused()
    {
        // 3e-3 moves the peak 3 MeV down the NMR scale, still inside M - 3 Gamma .. M + 4 Gamma; 2e-2 moves it 20 MeV, off the scan.
        var inside = PhiCalibration.Run(new PhiScanSettings { TrueOffset = 3e-3 }, seed: 2);
        Assert.Equal(3e-3, inside.Fit.Offset, 3 * inside.Fit.OffsetError);
        Assert.Throws<InvalidOperationException>(() => PhiCalibration.Run(new PhiScanSettings { TrueOffset = 2e-2 }, seed: 2));
    }
}
