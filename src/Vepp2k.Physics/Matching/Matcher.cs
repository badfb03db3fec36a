using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Matching;

/// <summary>The outcome of a match: knob values, residual, and each target's achieved value.</summary>
public sealed record MatchResult(IReadOnlyDictionary<string, double> Knobs, double Residual, int Evaluations,
    IReadOnlyList<(string Target, double Value, double Wanted)> Targets, string Exit);

/// <summary>
/// Bounded least-squares matching with MathNet's Levenberg-Marquardt: knobs -> lattice (a
/// caller-given builder, so knobs can be variables, element attributes or drift lengths) -> optics
/// -> weighted residuals. Unstable settings get a large penalty that grows with the instability
/// instead of failing, so the search can step back into the stable region.
/// </summary>
public static class Matcher
{
    private const double UnstablePenalty = 1e3;

    public static MatchResult Match(IReadOnlyList<Knob> knobs, Func<IReadOnlyList<double>, Lattice> build,
        IReadOnlyList<MatchTarget> targets, int maxIterations = 200)
    {
        if (knobs.Count == 0) throw new OpticsException("nothing to match: no knobs");
        if (targets.Count == 0) throw new OpticsException("nothing to match: no targets");
        bool chroma = targets.Any(t => t.NeedsChromaticity);
        int evaluations = 0;

        double[] Residuals(IReadOnlyList<double> p)
        {
            evaluations++;
            var r = new double[targets.Count];
            Lattice? lattice = null;
            try
            {
                lattice = build(p);
                var linear = LinearOptics.Compute(lattice);
                var xi = chroma ? Chromaticity.Compute(lattice, linear.Modes, linear.Dispersion0) : [double.NaN, double.NaN];
                var state = new MatchState(linear, xi);
                for (int i = 0; i < targets.Count; i++)
                {
                    double v = targets[i].Measure(state);
                    r[i] = double.IsFinite(v) ? targets[i].Weight * (v - targets[i].Value) : UnstablePenalty;
                }
            }
            catch (OpticsException)
            {
                // Graded: the further from stability, the larger, so the search can find its way back.
                double excess = lattice is null ? 100 : Stability.Excess(lattice);
                Array.Fill(r, UnstablePenalty * (1 + excess));
            }
            return r;
        }

        var (best, exit) = Solve(knobs, Residuals, targets.Count, maxIterations);
        var final = Residuals(best);
        var achieved = targets.Select((t, i) => (t.Description, t.Value + final[i] / t.Weight, t.Value)).ToList();
        return new MatchResult(knobs.Select((k, i) => (k.Name, best[i])).ToDictionary(), final.Sum(x => x * x),
            evaluations, achieved, exit);
    }

    /// <summary>
    /// The bare least-squares problem: minimise the sum of squares of <paramref name="residuals"/>
    /// (a vector of <paramref name="count"/> entries) over the bounded knobs. Used directly when the
    /// quantities are not ring optics (for example a transfer line from given initial functions).
    /// </summary>
    public static (double[] Best, string Exit) Solve(IReadOnlyList<Knob> knobs, Func<IReadOnlyList<double>, double[]> residuals,
        int count, int maxIterations = 200)
    {
        var observedX = Vector<double>.Build.Dense(count, i => i);
        var observedY = Vector<double>.Build.Dense(count);
        var model = ObjectiveFunction.NonlinearModel(
            (p, _) => Vector<double>.Build.DenseOfArray(residuals(p.ToArray())), observedX, observedY, accuracyOrder: 2);
        var lower = Vector<double>.Build.DenseOfEnumerable(knobs.Select(k => double.IsFinite(k.Lower) ? k.Lower : -1e6));
        var upper = Vector<double>.Build.DenseOfEnumerable(knobs.Select(k => double.IsFinite(k.Upper) ? k.Upper : 1e6));
        var start = Vector<double>.Build.DenseOfEnumerable(knobs.Select(k => k.Clamp(k.Initial)));
        var minimizer = new LevenbergMarquardtMinimizer(gradientTolerance: 1e-14, stepTolerance: 1e-14,
            functionTolerance: 1e-16, maximumIterations: maxIterations);
        var result = minimizer.FindMinimum(model, start, lower, upper);
        return (result.MinimizingPoint.ToArray(), result.ReasonForExit.ToString());
    }
}
