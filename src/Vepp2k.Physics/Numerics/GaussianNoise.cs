using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Numerics;

/// <summary>
/// A correlated 6-D Gaussian kick z += F g (g six independent normal deviates, F F^T the wanted
/// covariance), the deviates drawn by <see cref="CounterRandom"/> as components 1..6 of one point.
/// </summary>
public static class GaussianNoise
{
    /// <summary>
    /// F = U sqrt(Lambda) U^T of a covariance C = U Lambda U^T. Unlike a Cholesky factor it exists for a
    /// singular C (a half ring's diffusion is nearly rank-deficient in ct); eigenvalues below zero, which
    /// only rounding can give a covariance, count as zero.
    /// </summary>
    public static Matrix6 Root(Matrix6 covariance)
    {
        var c = Matrix<double>.Build.Dense(6, 6, (i, j) => (covariance[i, j] + covariance[j, i]) / 2);
        var evd = c.Evd(Symmetricity.Symmetric);
        var u = evd.EigenVectors;
        var root = new Matrix6();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++)
            {
                double s = 0;
                for (int k = 0; k < 6; k++) s += u[i, k] * Math.Sqrt(Math.Max(0, evd.EigenValues[k].Real)) * u[j, k];
                root[i, j] = s;
            }
        return root;
    }

    public static void Kick(ref Phase<Vec4> p, Matrix6 factor, ulong seed, int first, int turn, int point)
    {
        Span<Vec4> g = stackalloc Vec4[6];
        for (int k = 0; k < 6; k++) g[k] = new Vec4(CounterRandom.Gaussians(seed, first, turn, point, k + 1));
        p.X = p.X + Row(factor, 0, g); p.Px = p.Px + Row(factor, 1, g); p.Y = p.Y + Row(factor, 2, g);
        p.Py = p.Py + Row(factor, 3, g); p.Delta = p.Delta + Row(factor, 4, g); p.Ct = p.Ct + Row(factor, 5, g);
    }

    private static Vec4 Row(Matrix6 f, int i, ReadOnlySpan<Vec4> g) =>
        g[0] * f[i, 0] + g[1] * f[i, 1] + g[2] * f[i, 2] + g[3] * f[i, 3] + g[4] * f[i, 4] + g[5] * f[i, 5];
}
