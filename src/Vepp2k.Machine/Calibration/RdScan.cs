using MathNet.Numerics.Distributions;
using Vepp2k.Physics;

namespace Vepp2k.Machine.Calibration;

/// <summary>One counter gate of the scan: the depolariser frequency range swept and the two bunches' counts.</summary>
public sealed record RdBin(double FrequencyStart, double FrequencyEnd, double TimeStart, long PolarizedCounts, long ReferenceCounts)
{
    /// <summary>Rate of the polarised bunch over the unpolarised reference bunch: beam decay and current cancel.</summary>
    public double Ratio => (double)PolarizedCounts / ReferenceCounts;

    /// <summary>Poisson error of the ratio, r sqrt(1/n1 + 1/n2).</summary>
    public double RatioError => Ratio * Math.Sqrt(1.0 / Math.Max(PolarizedCounts, 1) + 1.0 / Math.Max(ReferenceCounts, 1));
}

/// <summary>A simulated scan with the truth it was made from (for tests and plots, never for the fit).</summary>
public sealed record RdScanData(
    RdScanSettings Settings,
    double RevolutionFrequency,
    DepolarizerLine Line,
    double Polarization,
    double CrossingFrequency,
    IReadOnlyList<RdBin> Bins);

/// <summary>
/// Simulates the depolariser sweep. Two bunches circulate: one polarised by Sokolov-Ternov, one kept
/// unpolarised as the reference. The frequency rises linearly in time; when it crosses the spin
/// line (at the true energy plus this run's jitter) the polarised bunch depolarises at once (a
/// strong, slow crossing; the depolariser's finite resonance width is not modelled), and its
/// Touschek rate rises from R0 (1 - delta P^2) to R0. Counts are Poisson from a seeded generator.
/// </summary>
public static class RdScan
{
    public static RdScanData Simulate(RdScanSettings s, int seed)
    {
        var random = new Random(seed);
        // The RF fixes f0 = beta c / C and the facility reads it from the RF; beta at the NMR energy is exact enough (1e-11).
        double gamma = Constants.Gamma(s.NominalEnergyEv);
        double f0 = Constants.SpeedOfLight * Math.Sqrt(1 - 1 / (gamma * gamma)) / s.Circumference;
        var line = DepolarizerLine.ForSpinTune(SpinTune.FromEnergy(s.NominalEnergyEv));
        double fa = line.Frequency(SpinTune.FromEnergy(s.NominalEnergyEv * (1 - s.WindowRelative)), f0);
        double fb = line.Frequency(SpinTune.FromEnergy(s.NominalEnergyEv * (1 + s.WindowRelative)), f0);
        double fStart = Math.Min(fa, fb), fEnd = Math.Max(fa, fb);

        double crossingEnergy = s.TrueEnergyEv * (1 + s.EnergyJitter * Normal.Sample(random, 0, 1));
        double crossing = line.Frequency(SpinTune.FromEnergy(crossingEnergy), f0);
        double tau = SokolovTernov.RingTime(s.TrueEnergyEv, s.BendRadius, s.Circumference);
        double polarization = SokolovTernov.Polarization(s.BuildUpTime, tau);
        double drop = s.AnalyzingPower * polarization * polarization;

        double step = s.SweepRate * s.BinTime;
        int n = (int)Math.Ceiling((fEnd - fStart) / step);
        var bins = new RdBin[n];
        for (int i = 0; i < n; i++)
        {
            double f1 = fStart + i * step, f2 = f1 + step, t = i * s.BinTime;
            double expected = s.UnpolarizedRate * s.BeamLifetime * Math.Exp(-t / s.BeamLifetime) * (1 - Math.Exp(-s.BinTime / s.BeamLifetime));
            double stillPolarized = Math.Clamp((crossing - f1) / step, 0, 1);
            long polarized = (long)Poisson.Sample(random, expected * (1 - drop * stillPolarized));
            long reference = (long)Poisson.Sample(random, expected);
            bins[i] = new RdBin(f1, f2, t, polarized, reference);
        }
        return new RdScanData(s, f0, line, polarization, crossing, bins);
    }
}
