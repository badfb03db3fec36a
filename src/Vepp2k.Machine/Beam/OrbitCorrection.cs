using MathNet.Numerics.LinearAlgebra;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// How the orbit correction inverts the response: a singular-value cut (singular values below
/// <paramref name="SingularValueCut"/> times the largest are dropped) and/or a Tikhonov weight
/// <paramref name="Tikhonov"/> [m/rad] (each singular value s enters as s / (s^2 + alpha^2)), and monitor weights
/// (by monitor name; 1 where absent, 0 leaves a monitor out).
/// </summary>
public sealed record CorrectionOptions(double SingularValueCut = 1e-3, double Tikhonov = 0, IReadOnlyDictionary<string, double>? MonitorWeights = null);

/// <summary>Corrector kicks that cancel a measured orbit, and what the model expects them to leave.</summary>
/// <param name="Kicks">Change of each corrector's kick [rad], in the response's corrector order.</param>
/// <param name="SingularValuesUsed">How many singular values took part (of <paramref name="SingularValues"/>).</param>
/// <param name="ExpectedRms">Rms of the weighted orbit the model predicts after the correction [m].</param>
public sealed record OrbitCorrectionResult(double[] Kicks, double[] SingularValues, int SingularValuesUsed, double MeasuredRms, double ExpectedRms);

public static class OrbitCorrection
{
    /// <summary>Kicks that minimise the weighted orbit <paramref name="orbit"/> (monitor x readings, then z) through <paramref name="response"/>.</summary>
    public static OrbitCorrectionResult Solve(OrbitResponse response, IReadOnlyList<double> orbit, CorrectionOptions? options = null)
    {
        options ??= new CorrectionOptions();
        int n = response.Monitors.Count;
        if (orbit.Count != 2 * n) throw new ArgumentException($"the orbit has {orbit.Count} readings; the response expects {2 * n} (x then z at each monitor)");
        if (!(options.SingularValueCut is >= 0 and < 1)) throw new ArgumentException("the singular-value cut is a fraction of the largest, 0 <= cut < 1");
        if (!(options.Tikhonov >= 0)) throw new ArgumentException("the Tikhonov weight must be >= 0");
        var weights = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            double w = options.MonitorWeights is { } given && given.TryGetValue(response.Monitors[i], out var g) ? g : 1;
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"weight of {response.Monitors[i]} must be finite and >= 0");
            weights[i] = weights[n + i] = w;
        }
        var a = Matrix<double>.Build.Dense(2 * n, response.Correctors.Count, (i, j) => weights[i] * response.Matrix[i, j]);
        var y = Vector<double>.Build.Dense(2 * n, i => weights[i] * orbit[i]);
        var svd = a.Svd(computeVectors: true);
        var s = svd.S;
        double cut = options.SingularValueCut * s[0];
        var kicks = Vector<double>.Build.Dense(response.Correctors.Count);
        int used = 0;
        for (int k = 0; k < s.Count; k++)
        {
            if (s[k] <= cut || s[k] == 0) continue;
            used++;
            double gain = s[k] / (s[k] * s[k] + options.Tikhonov * options.Tikhonov);
            kicks -= svd.VT.Row(k) * (gain * svd.U.Column(k).DotProduct(y));
        }
        var left = y + a * kicks;
        return new OrbitCorrectionResult(kicks.ToArray(), s.ToArray(), used, Rms(y), Rms(left));
    }

    private static double Rms(Vector<double> v) => v.Count == 0 ? 0 : Math.Sqrt(v.DotProduct(v) / v.Count);
}
