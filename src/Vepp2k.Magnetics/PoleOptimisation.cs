using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace Vepp2k.Magnetics;

/// <summary>The allowed harmonics b_n [relative] of one shape at each current of the range.</summary>
public sealed record ShapeHarmonics(double[] Parameters, double[] Currents, double[][] Relative, int[] Orders)
{
    /// <summary>RMS over the currents and the target orders, in units of 1e-4: what the fit minimises.</summary>
    public double RmsUnits => 1e4 * Math.Sqrt(Relative.Sum(row => row.Sum(b => b * b)) / (Currents.Length * Orders.Length));
    /// <summary>The largest |b_n| over the currents and orders, in units of 1e-4.</summary>
    public double MaxUnits => 1e4 * Relative.Max(row => row.Max(Math.Abs));
}

/// <summary>
/// Fits pole-shape parameters (shim heights, pole widths) so that the target harmonics (the dipole's
/// b3 and b5, the quadrupole's b6 and b10) are smallest in the RMS over a set of currents that spans the
/// energy range, saturation included: a field quality that holds at one current only is not what the
/// machine needs. Nelder-Mead simplex (MathNet.Numerics) on the solver's answers, which are not smooth
/// enough in the parameters (the mesh moves with the shape) for gradient methods.
/// </summary>
public sealed class PoleOptimisation(MagnetostaticSolver solver, MeshSettings mesh, IronModel iron, Func<double[], MagnetSection> shape,
    double[] currents, int[] orders)
{
    /// <summary>Solves the shape at every current and collects the target harmonics.</summary>
    public ShapeHarmonics Evaluate(double[] parameters, CancellationToken cancel = default)
    {
        var section = shape(parameters);
        var rows = currents.Select(i =>
        {
            var h = solver.Solve(section, mesh, iron, i, null, cancel).Harmonics(section.Order);
            return orders.Select(h.RelativeNormal).ToArray();
        }).ToArray();
        return new ShapeHarmonics(parameters, currents, rows, orders);
    }

    /// <summary>
    /// The best parameters from <paramref name="start"/>, with <paramref name="step"/> the size of the
    /// first simplex in each parameter and at most <paramref name="evaluations"/> shapes solved
    /// (each one solve per current). <paramref name="progress"/> hears every shape tried.
    /// </summary>
    public ShapeHarmonics Fit(double[] start, double[] step, int evaluations, Action<ShapeHarmonics>? progress = null, CancellationToken cancel = default)
    {
        ShapeHarmonics? best = null;
        double Objective(Vector<double> p)
        {
            var e = Evaluate(p.ToArray(), cancel);
            progress?.Invoke(e);
            if (best is null || e.RmsUnits < best.RmsUnits) best = e;
            return e.RmsUnits;
        }
        var simplex = new NelderMeadSimplex(1e-3, evaluations);
        try
        {
            simplex.FindMinimum(ObjectiveFunction.Value(Objective), Vector<double>.Build.DenseOfArray(start), Vector<double>.Build.DenseOfArray(step));
        }
        catch (MaximumIterationsException)
        {
            // The budget of solves is spent: the best shape seen so far is the answer, which is what a
            // fit under a solve budget means; the caller sees its harmonics and judges.
        }
        return best ?? throw new MagnetostaticsException("the pole optimisation solved no shape");
    }
}
