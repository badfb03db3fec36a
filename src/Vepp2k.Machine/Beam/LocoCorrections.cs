using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// Strength changes that bring the fitted ring back to the design: by magnet name, in the catalogue's strength
/// units (quadrupoles K1 [1/m^2], skew windings K1s [1/m^2]; the winding's K1SL is K1s * <see cref="SteeredRing.SextupoleLength"/>).
/// </summary>
/// <param name="ExpectedMismatch">Rms of the weighted response and dispersion difference, fitted-and-corrected model minus design, in units of the measurement noise.</param>
public sealed record LocoCorrection(IReadOnlyDictionary<string, double> StrengthChanges, double ExpectedMismatch)
{
    /// <summary>The strengths (catalogue order) with the changes added.</summary>
    public double[] Apply(IReadOnlyList<double> strengths, Magnets.MagnetCatalogue catalogue)
    {
        var result = strengths.ToArray();
        foreach (var (name, change) in StrengthChanges) result[catalogue.IndexOf(name)] += change;
        return result;
    }
}

public static class LocoCorrections
{
    private const int Iterations = 3;

    /// <summary>Relative singular-value cut of the correction's least squares.</summary>
    private const double SingularValueCut = 1e-4;

    /// <summary>
    /// Quadrupole and skew-winding changes for the fitted machine. Starting from undoing the fitted errors
    /// (each quadrupole to K1 / (1 + e), each skew winding back by its fitted change), a few Gauss-Newton
    /// steps on the fitted model make its orbit response and dispersion those of the design model: that
    /// also compensates what the knobs cannot undo one by one (quadrupole rolls, solenoid field errors)
    /// as far as 24 quadrupoles and 12 skew windings can.
    /// </summary>
    public static LocoCorrection Compute(LocoFit fit)
    {
        var model = fit.Model;
        var m = fit.Measurement;
        var design = LocoLinearModel.Compute(model.Build([], []), m.Monitors, m.Correctors, [], [], model.Catalogue);
        var fitted = fit.Parameters.Select((p, i) => (p, i)).Where(x => x.p.IsLattice).ToArray();
        var knobs = fitted.Where(x => x.p.Kind is LocoParameterKind.QuadrupoleGradient or LocoParameterKind.SkewQuadrupole).ToArray();
        // Knob settings: relative gradient change c of each quadrupole, skew change in K1s.
        var knob = knobs.Select(x => x.p.Kind == LocoParameterKind.QuadrupoleGradient ? 1 / (1 + fit.Values[x.i]) - 1 : -fit.Values[x.i]).ToArray();
        var parameters = fitted.Select(x => x.p).ToArray();
        double mismatch = 0;
        for (int iteration = 0; iteration <= Iterations; iteration++)
        {
            var values = Combined(fit, fitted, knobs, knob);
            var linear = LocoLinearModel.Compute(model.Build(parameters, values), m.Monitors, m.Correctors, parameters, values, model.Catalogue);
            var (difference, jacobian) = Mismatch(linear, design, m, fitted, knobs, fit);
            mismatch = Math.Sqrt(difference.DotProduct(difference) / difference.Count);
            if (iteration == Iterations) break;
            var svd = jacobian.Svd(computeVectors: true);
            for (int k = 0; k < svd.S.Count; k++)
            {
                if (svd.S[k] <= SingularValueCut * svd.S[0]) continue;
                double step = -svd.U.Column(k).DotProduct(difference) / svd.S[k];
                for (int q = 0; q < knob.Length; q++) knob[q] += step * svd.VT[k, q];
            }
        }
        var changes = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        var designRing = model.Build([], []).Lattice;
        for (int k = 0; k < knobs.Length; k++)
        {
            var p = knobs[k].p;
            changes[p.Name] = p.Kind == LocoParameterKind.QuadrupoleGradient
                ? knob[k] * designRing.Elements.OfType<Quadrupole>().First(q => q.Name.Equals(p.Name, StringComparison.OrdinalIgnoreCase)).K1
                : knob[k];
        }
        return new LocoCorrection(changes, mismatch);
    }

    // The fitted lattice values with the knobs on top: gradients multiply, skew changes add.
    private static double[] Combined(LocoFit fit, (LocoParameter p, int i)[] fitted, (LocoParameter p, int i)[] knobs, double[] knob)
    {
        var values = fitted.Select(x => fit.Values[x.i]).ToArray();
        for (int k = 0; k < knobs.Length; k++)
        {
            int at = Array.FindIndex(fitted, x => x.i == knobs[k].i);
            values[at] = knobs[k].p.Kind == LocoParameterKind.QuadrupoleGradient ? (1 + values[at]) * (1 + knob[k]) - 1 : values[at] + knob[k];
        }
        return values;
    }

    // Weighted (model - design) for the response and dispersion, and its derivative with respect to the knobs.
    private static (Vector<double> Difference, Matrix<double> Jacobian) Mismatch(LocoLinearModel linear, LocoLinearModel design,
        LocoMeasurement m, (LocoParameter p, int i)[] fitted, (LocoParameter p, int i)[] knobs, LocoFit fit)
    {
        int rows = linear.Response.GetLength(0), columns = linear.Response.GetLength(1);
        int total = rows * columns + rows;
        var difference = Vector<double>.Build.Dense(total);
        var jacobian = Matrix<double>.Build.Dense(total, knobs.Length);
        int[] at = [.. knobs.Select(k => Array.FindIndex(fitted, x => x.i == k.i))];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < columns; j++)
            {
                int row = i * columns + j;
                difference[row] = (linear.Response[i, j] - design.Response[i, j]) / m.ResponseSigma[i];
                for (int k = 0; k < knobs.Length; k++)
                    jacobian[row, k] = linear.ResponseDerivatives[at[k]][i, j] * Chain(knobs[k], fit) / m.ResponseSigma[i];
            }
            int d = rows * columns + i;
            difference[d] = (linear.Dispersion[i] - design.Dispersion[i]) / m.DispersionSigma[i];
            for (int k = 0; k < knobs.Length; k++)
                jacobian[d, k] = linear.DispersionDerivatives[at[k]][i] * Chain(knobs[k], fit) / m.DispersionSigma[i];
        }
        return (difference, jacobian);
    }

    // d(model value)/d(knob): (1 + e) for a gradient knob (they multiply), 1 for a skew knob.
    private static double Chain((LocoParameter p, int i) knob, LocoFit fit) =>
        knob.p.Kind == LocoParameterKind.QuadrupoleGradient ? 1 + fit.Values[knob.i] : 1;
}
