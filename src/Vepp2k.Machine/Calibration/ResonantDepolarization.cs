namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The RD calibration's answer: the beam energy from the fitted jump, its statistical uncertainty
/// (the jump frequency's) and its total (with the modelled energy jitter at the crossing), the
/// scan and fit it came from, and the entry for the calibration table.
/// </summary>
public sealed record RdResult(
    RdScanData Scan,
    StepFitResult Fit,
    double SpinTune,
    double EnergyEv,
    double StatisticalUncertaintyEv,
    double UncertaintyEv,
    CalibrationOutcome Outcome);

/// <summary>
/// Resonant depolarisation, simulated end to end: scan, step fit, then nu = n + f_jump / f0 (or the
/// mirror) and E = (nu / a_e) m_e c^2.
/// </summary>
public static class ResonantDepolarization
{
    /// <summary>Jumps weaker than this many standard errors are not taken as the resonance.</summary>
    public const double MinimumSignificance = 5;

    public static RdResult Run(RdScanSettings settings, int seed)
    {
        var scan = RdScan.Simulate(settings, seed);
        var fit = StepFit.Fit(scan.Bins);
        if (!(fit.Significance >= MinimumSignificance))
            throw new InvalidOperationException(
                $"no depolarisation jump in the scan window (jump {fit.Significance:F1} sigma): widen the window or polarise longer");
        double nu = scan.Line.SpinTune(fit.JumpFrequency, scan.RevolutionFrequency);
        double energy = SpinTune.ToEnergy(nu);
        // dE / E = dnu / nu and dnu = df / f0 on either line.
        double statistical = energy * fit.JumpFrequencyUncertainty / (scan.RevolutionFrequency * nu);
        double total = Math.Sqrt(statistical * statistical + Math.Pow(energy * settings.EnergyJitter, 2));
        var outcome = new CalibrationOutcome(CalibrationKind.ResonantDepolarization, energy, total,
            settings.NominalEnergyEv, fit.Chi2, fit.DegreesOfFreedom);
        return new RdResult(scan, fit, nu, energy, statistical, total, outcome);
    }
}
