using MathNet.Numerics.LinearAlgebra;

namespace Vepp2k.Machine.Beam;

/// <summary>One Levenberg-Marquardt step: chi^2 after it (weighted by the measurement noise) and the damping used.</summary>
public sealed record LocoIteration(int Number, double Chi2, double Lambda, double Seconds);

/// <summary>
/// A LOCO fit: the fitted parameters with their one-sigma errors (from the covariance of the weighted fit),
/// chi^2 per iteration, and the model ring with the fitted lattice parameters.
/// </summary>
public sealed record LocoFit(LocoModel Model, LocoMeasurement Measurement, IReadOnlyList<LocoParameter> Parameters,
    double[] Values, double[] Errors, IReadOnlyList<LocoIteration> Iterations, int DegreesOfFreedom)
{
    public double Chi2 => Iterations[^1].Chi2;

    /// <summary>The model ring with the fitted quadrupole, roll, skew and solenoid parameters.</summary>
    public SteeredRing Ring() => Model.Build(Parameters, Values);
}

/// <summary>
/// LOCO, linear optics from closed orbits (J. Safranek, NIM A 388 (1997) 27): fits the model's lattice
/// parameters and the instruments' gains to a measured orbit response and dispersion by Levenberg-Marquardt,
/// with the derivatives of the model from the transfer maps (<see cref="LocoLinearModel"/>).
/// </summary>
public static class Loco
{
    private const double StartLambda = 1e-3, MinLambda = 1e-9, MaxLambda = 1e6;

    /// <summary>Relative chi^2 change below which the fit has converged.</summary>
    private const double Converged = 1e-6;

    public static LocoFit Fit(LocoModel model, LocoMeasurement measurement, LocoOptions? options = null)
    {
        options ??= LocoOptions.Default;
        var parameters = model.Parameters(options, measurement.Monitors, measurement.Correctors);
        var readings = new LocoReadings(parameters, measurement, options.FitDispersion, options.Prior);
        var values = new double[parameters.Count];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var (r, j) = Evaluate(model, readings, values, options.FiniteSteps);
        double chi2 = Dot(r);
        var iterations = new List<LocoIteration> { new(0, chi2, 0, clock.Elapsed.TotalSeconds) };
        double lambda = StartLambda;
        bool converged = false;
        // Stops after MaxIterations accepted steps, at a step that no longer lowers chi^2 by a relative 1e-6,
        // or when no damping up to MaxLambda lowers it at all.
        for (int it = 1; it <= options.MaxIterations && !converged && lambda <= MaxLambda; it++)
        {
            var a = Normal(j!);
            var g = Matrix<double>.Build.DenseOfArray(j!).TransposeThisAndMultiply(Vector<double>.Build.Dense(r));
            bool accepted = false;
            while (!accepted && lambda <= MaxLambda)
            {
                var step = Step(a, g, lambda);
                var trial = values.Zip(step, (v, s) => v + s).ToArray();
                var evaluated = TryEvaluate(model, readings, trial, options.FiniteSteps);
                double trialChi2 = evaluated is { } e ? Dot(e.Residual) : double.PositiveInfinity;
                if (trialChi2 < chi2)
                {
                    accepted = true;
                    converged = (chi2 - trialChi2) < Converged * chi2;
                    (values, r, j, chi2) = (trial, evaluated!.Value.Residual, evaluated.Value.Jacobian, trialChi2);
                    iterations.Add(new(it, chi2, lambda, clock.Elapsed.TotalSeconds));
                    lambda = Math.Max(lambda / 10, MinLambda);
                }
                else lambda *= 10;
            }
        }
        var errors = Errors(Normal(j!));
        return new LocoFit(model, measurement, parameters, values, errors, iterations, readings.Rows - parameters.Count);
    }

    // One Levenberg-Marquardt step: (A + lambda diag A) step = -g.
    private static double[] Step(Matrix<double> a, Vector<double> g, double lambda)
    {
        var b = a.Clone();
        for (int k = 0; k < b.RowCount; k++) b[k, k] += lambda * Math.Max(a[k, k], 1e-300);
        return (-Pseudo(b) * g).ToArray();
    }

    // One-sigma errors: the diagonal of the covariance (J^T J)^-1 of the noise-weighted fit.
    private static double[] Errors(Matrix<double> a)
    {
        var c = Pseudo(a);
        return [.. Enumerable.Range(0, a.RowCount).Select(k => Math.Sqrt(Math.Max(c[k, k], 0)))];
    }

    // Pseudo-inverse of a symmetric matrix, its columns scaled to unit diagonal first: the overall scale shared
    // by monitor and corrector gains is a direction no measurement fixes; it is left out rather than amplified.
    private static Matrix<double> Pseudo(Matrix<double> a)
    {
        int n = a.RowCount;
        var d = Vector<double>.Build.Dense(n, k => a[k, k] > 0 ? 1 / Math.Sqrt(a[k, k]) : 0);
        var scaled = Matrix<double>.Build.Dense(n, n, (p, q) => d[p] * a[p, q] * d[q]);
        var svd = scaled.Svd(computeVectors: true);
        double cut = 1e-12 * svd.S[0];
        var inverse = Matrix<double>.Build.Dense(n, n);
        for (int k = 0; k < n; k++)
            if (svd.S[k] > cut) inverse += svd.U.Column(k).OuterProduct(svd.VT.Row(k)) / svd.S[k];
        return Matrix<double>.Build.Dense(n, n, (p, q) => d[p] * inverse[p, q] * d[q]);
    }

    private static Matrix<double> Normal(double[,] j)
    {
        var m = Matrix<double>.Build.DenseOfArray(j);
        return m.TransposeThisAndMultiply(m);
    }

    // A step too long for the linear model can leave the ring without optics (unstable, or errors past what a
    // ring can have): that step is rejected like one that raises chi^2.
    private static (double[] Residual, double[,]? Jacobian)? TryEvaluate(LocoModel model, LocoReadings readings, double[] values, bool finiteSteps)
    {
        try { return Evaluate(model, readings, values, finiteSteps); }
        catch (Exception e) when (e is ArgumentException or Physics.OpticsException) { return null; }
    }

    internal static (double[] Residual, double[,]? Jacobian) Evaluate(LocoModel model, LocoReadings readings, double[] values, bool finiteSteps)
    {
        var lattice = readings.Lattice;
        var m = readings.Measurement;
        var ring = model.Build(readings.Parameters, values);
        var linear = LocoLinearModel.Compute(ring, m.Monitors, m.Correctors,
            [.. lattice.Select(p => readings.Parameters[p])], [.. lattice.Select(p => values[p])], model.Catalogue);
        if (finiteSteps)
        {
            // The model measured as the machine was, with the same steps, so that what the steps add beyond the
            // linear response (chromatic terms, as the solenoids' Larmor angle ~ 1 / (1 + delta): 0.1 % of the
            // response at a 0.1 mrad step) is in the model too rather than read as optics errors.
            var perfect = new Instruments(RingErrors.None, InstrumentNoise.None, seed: 0);
            var (response, dispersion) = LocoMeasurement.Differences(ring, perfect, m.KickStep, m.DeltaStep, averages: 1);
            linear = linear.WithValues(response, dispersion);
        }
        return readings.Evaluate(linear, values, jacobian: true);
    }

    private static double Dot(double[] v) => v.Sum(x => x * x);
}
