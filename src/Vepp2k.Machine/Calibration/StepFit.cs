namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The fitted depolarisation jump: frequency and its standard uncertainty, the rate ratio before the
/// jump and the jump's size with its error, and chi2 at the best frequency with N - 3 degrees of freedom.
/// </summary>
public sealed record StepFitResult(
    double JumpFrequency,
    double JumpFrequencyUncertainty,
    double RatioBefore,
    double Jump,
    double JumpError,
    double Chi2,
    int DegreesOfFreedom)
{
    /// <summary>Jump over its error: below ~5 the scan did not see the resonance.</summary>
    public double Significance => Jump / JumpError;
}

/// <summary>
/// Fits a step to the rate ratio r_i against the depolariser frequency: r_i = a + b g_i(f_j), where
/// g_i is the fraction of gate i swept after the crossing f_j (0 before, 1 after, linear inside the
/// gate it falls in). For each f_j the model is linear in a and b, which are profiled out by weighted
/// least squares, leaving chi2(f_j). Because chi2 is flat while f_j moves inside a gate when the
/// jump per gate is small, and steep when it is large, neither the parabola nor Delta chi2 = 1 suits
/// both regimes; the estimate is the mean of exp(-chi2/2) over f_j (flat prior on a fine grid) and
/// the uncertainty its standard deviation, which becomes gate/sqrt(12) in the flat limit and the
/// Gaussian error in the steep one.
/// </summary>
public static class StepFit
{
    private const int GridPerBin = 20;

    public static StepFitResult Fit(IReadOnlyList<RdBin> bins)
    {
        int n = bins.Count;
        if (n < 4) throw new ArgumentException("a step fit needs at least 4 gates", nameof(bins));
        var w = new double[n];
        var y = new double[n];
        // Suffix sums over gates i..n-1 of w and w y: the gates wholly after a crossing inside gate i-1.
        var sufW = new double[n + 1];
        var sufWy = new double[n + 1];
        double sw = 0, swy = 0, swyy = 0;
        for (int i = 0; i < n; i++)
        {
            y[i] = bins[i].Ratio;
            w[i] = 1 / (bins[i].RatioError * bins[i].RatioError);
            sw += w[i];
            swy += w[i] * y[i];
            swyy += w[i] * y[i] * y[i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            sufW[i] = sufW[i + 1] + w[i];
            sufWy[i] = sufWy[i + 1] + w[i] * y[i];
        }

        int points = n * GridPerBin;
        var f = new double[points];
        var chi2 = new double[points];
        double best = double.PositiveInfinity;
        int bestAt = 0;
        for (int p = 0; p < points; p++)
        {
            int k = p / GridPerBin;
            double g = 1 - (p % GridPerBin + 0.5) / GridPerBin;   // fraction of gate k after the crossing
            f[p] = bins[k].FrequencyStart + (1 - g) * (bins[k].FrequencyEnd - bins[k].FrequencyStart);
            var (_, _, c) = Solve(sw, swy, swyy, sufW[k + 1] + w[k] * g, sufW[k + 1] + w[k] * g * g, sufWy[k + 1] + w[k] * g * y[k]);
            chi2[p] = c;
            if (c < best) (best, bestAt) = (c, p);
        }

        double norm = 0, mean = 0, second = 0;
        for (int p = 0; p < points; p++)
        {
            double weight = Math.Exp(-(chi2[p] - best) / 2);
            norm += weight;
            mean += weight * f[p];
        }
        mean /= norm;
        for (int p = 0; p < points; p++) second += Math.Exp(-(chi2[p] - best) / 2) * (f[p] - mean) * (f[p] - mean);
        double sigma = Math.Sqrt(second / norm);

        int kb = bestAt / GridPerBin;
        double gb = 1 - (bestAt % GridPerBin + 0.5) / GridPerBin;
        double swg = sufW[kb + 1] + w[kb] * gb, swgg = sufW[kb + 1] + w[kb] * gb * gb;
        var (a, b, _) = Solve(sw, swy, swyy, swg, swgg, sufWy[kb + 1] + w[kb] * gb * y[kb]);
        double det = sw * swgg - swg * swg;
        return new StepFitResult(mean, sigma, a, b, Math.Sqrt(sw / det), best, n - 3);
    }

    // Weighted least squares of y = a + b g from its sums; chi2 = sum w y^2 - a sum w y - b sum w g y.
    private static (double A, double B, double Chi2) Solve(double sw, double swy, double swyy, double swg, double swgg, double swgy)
    {
        double det = sw * swgg - swg * swg;
        if (det <= 0) return (swy / sw, 0, swyy - swy * swy / sw);   // crossing outside the gates: no step to fit
        double a = (swgg * swy - swg * swgy) / det;
        double b = (sw * swgy - swg * swy) / det;
        return (a, b, swyy - a * swy - b * swgy);
    }
}
