using MathNet.Numerics.Distributions;

namespace Vepp2k.Machine.Calibration;

/// <summary>One scan point: the NMR (nominal) c.m. energy, its integrated luminosity [m^-2] and the events counted.</summary>
public sealed record PhiPoint(double NominalCmEnergyEv, double Luminosity, long Events)
{
    /// <summary>Observed cross-section [m^2] and its Poisson error.</summary>
    public double CrossSection => Events / Luminosity;

    public double CrossSectionError => Math.Sqrt(Math.Max(Events, 1)) / Luminosity;
}

/// <summary>Simulates the scan: at each nominal point the beams collide at W_nmr (1 + k); events are Poisson (seeded).</summary>
public static class PhiScan
{
    public static IReadOnlyList<PhiPoint> Simulate(PhiScanSettings s, int seed)
    {
        var random = new Random(seed);
        var shape = new PhiLineShape(s.RelativeEnergySpread);
        return [.. s.NominalCmEnergiesEv.Select(w =>
        {
            double expected = s.LuminosityPerPoint * (s.PeakCrossSection * shape.Visible(w * (1 + s.TrueOffset)) + s.Background);
            return new PhiPoint(w, s.LuminosityPerPoint, (long)Poisson.Sample(random, expected));
        })];
    }
}
