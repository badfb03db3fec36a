namespace Vepp2k.Control.Energy;

/// <summary>
/// Robust outlier rule for the dipole NMR fields: a probe is an outlier when it lies more than
/// <see cref="Threshold"/> scaled MADs from the median (the modified z-score of Iglewicz and Hoaglin,
/// whose 3.5 cut flags almost no Gaussian sample). Scaled MAD = 1.4826 MAD estimates sigma for
/// Gaussian scatter. It is floored at the probe's own noise, so that when most probes agree to the last
/// digit (MAD = 0) a probe a fraction of a ppm away is not thrown out.
/// </summary>
internal static class ProbeOutliers
{
    public const double Threshold = 3.5;

    /// <summary>1 / Phi^-1(3/4): makes the MAD a consistent estimator of a Gaussian sigma.</summary>
    public const double MadToSigma = 1.4826;

    /// <summary>Median and the outlier scale [T] of the fields; <paramref name="relativeNoise"/> is the probe noise over B.</summary>
    public static (double Median, double Scale) Centre(ReadOnlySpan<double> fields, double relativeNoise)
    {
        Span<double> work = stackalloc double[fields.Length];
        fields.CopyTo(work);
        double median = Median(work);
        for (int i = 0; i < work.Length; i++) work[i] = Math.Abs(fields[i] - median);
        return (median, Math.Max(MadToSigma * Median(work), relativeNoise * Math.Abs(median)));
    }

    private static double Median(Span<double> values)
    {
        values.Sort();
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
