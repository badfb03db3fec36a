using MathNet.Numerics.Optimization;

namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The fitted scale offset k (W_true = W_nmr (1 + k)) with its statistical error, the profiled peak
/// cross-section and background [m^2], and chi2 with N - 3 degrees of freedom.
/// </summary>
public sealed record PhiFitResult(double Offset, double OffsetError, double PeakCrossSection, double Background, double Chi2, int DegreesOfFreedom);

/// <summary>
/// Fits the scan for the energy-scale offset. For a trial k the model sigma(W) = s shape(W_nmr (1 + k)) + b
/// is linear in the peak s and background b, which weighted least squares profiles out (weights from
/// the observed counts: Neyman chi2, unbiased enough at thousands of events per point). chi2(k) is
/// then scanned on a coarse grid of every k that puts the apparent peak M / (1 + k) inside the scanned
/// energies, minimised by golden section around the best node, and the error read from its
/// curvature, sigma_k = sqrt(2 / chi2''). A peak outside the scan is refused: the points would not
/// bracket it. The line width and the energy spread are taken as known.
/// </summary>
public static class PhiFit
{
    private const int GridNodes = 61;
    private const double Ppm = 1e-6;   // the minimiser works in ppm so that its absolute tolerance means something

    public static PhiFitResult Fit(IReadOnlyList<PhiPoint> points, double relativeEnergySpread)
    {
        if (points.Count < 4) throw new ArgumentException("a phi fit needs at least 4 points", nameof(points));
        var shape = new PhiLineShape(relativeEnergySpread);
        Func<double, (double S, double B, double Chi2)> profile = k => Profile(points, shape, k);

        // The apparent peak M / (1 + k) at the highest scanned energy gives the lowest k, at the lowest the highest.
        double kLow = PhiResonance.MassEv / points.Max(p => p.NominalCmEnergyEv) - 1;
        double kHigh = PhiResonance.MassEv / points.Min(p => p.NominalCmEnergyEv) - 1;
        double step = (kHigh - kLow) / (GridNodes - 1), bestK = 0, best = double.PositiveInfinity;
        for (int i = 0; i < GridNodes; i++)
        {
            double k = kLow + i * step, c = profile(k).Chi2;
            if (c < best) (best, bestK) = (c, k);
        }
        double kFit;
        try
        {
            kFit = new GoldenSectionMinimizer(1e-4, 200).FindMinimum(
                ObjectiveFunction.ScalarValue(u => profile(u * Ppm).Chi2), (bestK - step) / Ppm, (bestK + step) / Ppm).MinimizingPoint * Ppm;
        }
        catch (OptimizationException e)
        {
            // The best node at the grid's edge and chi2 still falling beyond it: the peak is not in the scan.
            throw new InvalidOperationException($"no minimum of chi2 in the offset: is the peak inside the scan? ({e.Message})", e);
        }
        if (kFit < kLow || kFit > kHigh)
            throw new InvalidOperationException(
                $"the fitted peak, {PhiResonance.MassEv / (1 + kFit) / 1e6:F3} MeV on the NMR scale, is outside the scanned energies: move the scan");
        var (s, b, chi2) = profile(kFit);

        // Curvature over one step of the expected error, refined once with the step set to the error found.
        double h = 1e-5, error = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            double curvature = (profile(kFit + h).Chi2 + profile(kFit - h).Chi2 - 2 * chi2) / (h * h);
            error = Math.Sqrt(2 / curvature);
            h = error;
        }
        return new PhiFitResult(kFit, error, s, b, chi2, points.Count - 3);
    }

    private static (double S, double B, double Chi2) Profile(IReadOnlyList<PhiPoint> points, PhiLineShape shape, double k)
    {
        double sw = 0, sg = 0, sgg = 0, sy = 0, sgy = 0, syy = 0;
        foreach (var p in points)
        {
            double w = 1 / (p.CrossSectionError * p.CrossSectionError), g = shape.Visible(p.NominalCmEnergyEv * (1 + k)), y = p.CrossSection;
            sw += w; sg += w * g; sgg += w * g * g; sy += w * y; sgy += w * g * y; syy += w * y * y;
        }
        double det = sw * sgg - sg * sg;
        double s = (sw * sgy - sg * sy) / det, b = (sgg * sy - sg * sgy) / det;
        return (s, b, syy - s * sgy - b * sy);
    }
}
