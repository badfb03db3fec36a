using MathNet.Numerics.Distributions;

namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The phi calibration's answer: the scan, its fit, the scale offset with its statistical and total
/// error (the PDG mass error added), and the calibration-table entry at the point where the true
/// beam energy is M_phi / 2.
/// </summary>
public sealed record PhiResult(
    IReadOnlyList<PhiPoint> Points,
    PhiFitResult Fit,
    double OffsetUncertainty,
    CalibrationOutcome Outcome)
{
    /// <summary>The phi mass as the NMR scale reads it, M / (1 + k).</summary>
    public double ApparentMassEv => PhiResonance.MassEv / (1 + Fit.Offset);
}

/// <summary>The phi-meson scan simulated and fitted end to end.</summary>
public static class PhiCalibration
{
    public const double MinimumProbability = 1e-4;

    public static PhiResult Run(PhiScanSettings settings, int seed)
    {
        var points = PhiScan.Simulate(settings, seed);
        var fit = PhiFit.Fit(points, settings.RelativeEnergySpread);
        // A line shape that does not describe the points (chi2 probability under 1e-4) gives an offset with a meaningless error.
        if (1 - ChiSquared.CDF(fit.DegreesOfFreedom, fit.Chi2) < MinimumProbability)
            throw new InvalidOperationException(
                $"the phi line shape does not fit the scan (chi2 {fit.Chi2:F1} / {fit.DegreesOfFreedom}): is the peak inside the scanned energies?");
        // The PDG mass error is a scale error common to every phi calibration: it adds to the statistical one.
        double massError = PhiResonance.MassUncertaintyEv / PhiResonance.MassEv;
        double total = Math.Sqrt(fit.OffsetError * fit.OffsetError + massError * massError);
        double reference = PhiResonance.MassEv / 2, nmr = reference / (1 + fit.Offset);
        var outcome = new CalibrationOutcome(CalibrationKind.PhiMesonMass, reference, nmr * total, nmr, fit.Chi2, fit.DegreesOfFreedom);
        return new PhiResult(points, fit, total, outcome);
    }
}
