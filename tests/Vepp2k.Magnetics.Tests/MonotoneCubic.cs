namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// Monotone piecewise cubic Hermite interpolation (Fritsch and Carlson, SIAM J. Numer. Anal. 17 (1980)
/// 238, with the weighted harmonic mean of the neighbouring slopes of Fritsch and Butland, as MATLAB's
/// pchip): the interpolation a benchmark's permeability table was read with.
/// </summary>
public sealed class MonotoneCubic
{
    private readonly double[] x, y, slope;

    public MonotoneCubic(double[] x, double[] y)
    {
        (this.x, this.y) = (x, y);
        int n = x.Length;
        var h = Enumerable.Range(0, n - 1).Select(i => x[i + 1] - x[i]).ToArray();
        var d = Enumerable.Range(0, n - 1).Select(i => (y[i + 1] - y[i]) / h[i]).ToArray();
        slope = new double[n];
        slope[0] = d[0];
        slope[n - 1] = d[n - 2];
        for (int i = 1; i < n - 1; i++)
        {
            if (d[i - 1] * d[i] <= 0) continue;   // a local extremum or a flat piece: slope 0 keeps it monotone
            double w1 = 2 * h[i] + h[i - 1], w2 = h[i] + 2 * h[i - 1];
            slope[i] = (w1 + w2) / (w1 / d[i - 1] + w2 / d[i]);
        }
    }

    public double At(double t)
    {
        int i = Math.Clamp(Array.BinarySearch(x, t) is var k && k >= 0 ? k : ~k - 1, 0, x.Length - 2);
        double h = x[i + 1] - x[i], s = (t - x[i]) / h;
        return (2 * s * s * s - 3 * s * s + 1) * y[i] + (s * s * s - 2 * s * s + s) * h * slope[i]
            + (-2 * s * s * s + 3 * s * s) * y[i + 1] + (s * s * s - s * s) * h * slope[i + 1];
    }
}
