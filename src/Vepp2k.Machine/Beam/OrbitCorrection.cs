using MathNet.Numerics.LinearAlgebra;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// How the orbit correction inverts the response: a singular-value cut (singular values below
/// <paramref name="SingularValueCut"/> times the largest are dropped) and/or a Tikhonov weight
/// <paramref name="Tikhonov"/> [m/rad] (each singular value s enters as s / (s^2 + alpha^2)), monitor weights
/// (by monitor name; 1 where absent, 0 leaves a monitor out), and the weight of the dispersion error
/// against the orbit in dispersion-free steering (<paramref name="DispersionWeight"/>, metres of orbit per metre
/// of dispersion; 0: orbit only).
/// </summary>
public sealed record CorrectionOptions(double SingularValueCut = 1e-3, double Tikhonov = 0, IReadOnlyDictionary<string, double>? MonitorWeights = null,
    double DispersionWeight = 0);

/// <summary>
/// The dispersion error dispersion-free steering removes along with the orbit: the measured dispersion minus the
/// model's at the monitors (x then z, [m]) and its response to the correctors (<see cref="DispersionResponse"/>).
/// </summary>
public sealed record DispersionError(OrbitResponse Response, IReadOnlyList<double> Error);

/// <summary>Corrector kicks that cancel a measured orbit, and what the model expects them to leave.</summary>
/// <param name="Kicks">Change of each corrector's kick [rad], in the response's corrector order.</param>
/// <param name="SingularValuesUsed">How many singular values took part (of <paramref name="SingularValues"/>).</param>
/// <param name="ExpectedRms">Rms of the weighted orbit the model predicts after the correction [m].</param>
/// <param name="DispersionMeasuredRms">Rms of the dispersion error before the correction [m] (0 without dispersion-free steering).</param>
/// <param name="DispersionExpectedRms">Rms of the dispersion error the model predicts after it [m].</param>
public sealed record OrbitCorrectionResult(double[] Kicks, double[] SingularValues, int SingularValuesUsed, double MeasuredRms, double ExpectedRms,
    double DispersionMeasuredRms = 0, double DispersionExpectedRms = 0);

public static class OrbitCorrection
{
    /// <summary>
    /// Kicks that minimise the weighted orbit <paramref name="orbit"/> (monitor x readings, then z) through
    /// <paramref name="response"/> and, with a dispersion weight w &gt; 0, w times the dispersion error of
    /// <paramref name="dispersion"/> with it (the two sets of rows solved as one).
    /// </summary>
    public static OrbitCorrectionResult Solve(OrbitResponse response, IReadOnlyList<double> orbit, CorrectionOptions? options = null,
        DispersionError? dispersion = null)
    {
        options ??= new CorrectionOptions();
        int n = response.Monitors.Count, m = response.Correctors.Count;
        if (orbit.Count != 2 * n) throw new ArgumentException($"the orbit has {orbit.Count} readings; the response expects {2 * n} (x then z at each monitor)");
        if (!(options.SingularValueCut is >= 0 and < 1)) throw new ArgumentException("the singular-value cut is a fraction of the largest, 0 <= cut < 1");
        if (!(options.Tikhonov >= 0)) throw new ArgumentException("the Tikhonov weight must be >= 0");
        if (!(options.DispersionWeight >= 0) || double.IsInfinity(options.DispersionWeight)) throw new ArgumentException("the dispersion weight must be finite and >= 0");
        bool steering = options.DispersionWeight > 0;
        if (steering && dispersion is null) throw new ArgumentException("dispersion-free steering needs a measured dispersion");
        if (steering && (dispersion!.Error.Count != 2 * n || !dispersion.Response.Correctors.SequenceEqual(response.Correctors)
            || !dispersion.Response.Monitors.SequenceEqual(response.Monitors)))
            throw new ArgumentException("the dispersion error and its response must have the orbit's monitors and correctors");
        var weights = new double[2 * n];
        for (int i = 0; i < n; i++)
        {
            double w = options.MonitorWeights is { } given && given.TryGetValue(response.Monitors[i], out var g) ? g : 1;
            if (!(w >= 0) || double.IsInfinity(w)) throw new ArgumentException($"weight of {response.Monitors[i]} must be finite and >= 0");
            weights[i] = weights[n + i] = w;
        }
        int rows = steering ? 4 * n : 2 * n;
        double dw = options.DispersionWeight;
        var a = Matrix<double>.Build.Dense(rows, m, (i, j) => i < 2 * n
            ? weights[i] * response.Matrix[i, j] : dw * weights[i - 2 * n] * dispersion!.Response.Matrix[i - 2 * n, j]);
        var y = Vector<double>.Build.Dense(rows, i => i < 2 * n ? weights[i] * orbit[i] : dw * weights[i - 2 * n] * dispersion!.Error[i - 2 * n]);
        var svd = a.Svd(computeVectors: true);
        var s = svd.S;
        double cut = options.SingularValueCut * s[0];
        var kicks = Vector<double>.Build.Dense(m);
        int used = 0;
        for (int k = 0; k < s.Count; k++)
        {
            if (s[k] <= cut || s[k] == 0) continue;
            used++;
            double gain = s[k] / (s[k] * s[k] + options.Tikhonov * options.Tikhonov);
            kicks -= svd.VT.Row(k) * (gain * svd.U.Column(k).DotProduct(y));
        }
        var left = y + a * kicks;
        return new OrbitCorrectionResult(kicks.ToArray(), s.ToArray(), used, Rms(y.SubVector(0, 2 * n)), Rms(left.SubVector(0, 2 * n)),
            steering ? Rms(y.SubVector(2 * n, 2 * n)) / dw : 0, steering ? Rms(left.SubVector(2 * n, 2 * n)) / dw : 0);
    }

    private static double Rms(Vector<double> v) => v.Count == 0 ? 0 : Math.Sqrt(v.DotProduct(v) / v.Count);
}
