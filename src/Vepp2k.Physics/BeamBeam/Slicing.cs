using MathNet.Numerics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// A Gaussian bunch cut into slices of equal charge (G. Iadarola's WeakStrong slicing, as in
/// xfields; beam-physics.md 3.2): cuts z_k = sqrt 2 sigma_z erfinv(2k/n - 1), each slice represented
/// by its centroid z_i = n sigma_z/sqrt(2 pi) (exp(-z_{i-1}^2/2 sigma_z^2) - exp(-z_i^2/2 sigma_z^2)).
/// </summary>
public static class Slicing
{
    /// <summary>Slice centroids [m], head (largest z) first, the order in which an oncoming particle meets them.</summary>
    public static double[] Centroids(double sigmaZ, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var centroids = new double[count];
        if (sigmaZ == 0) return centroids;
        double previous = 0;   // exp(-z_0^2/2 sigma_z^2) with z_0 = -infinity
        for (int i = 1; i <= count; i++)
        {
            double next = i == count ? 0 : Math.Exp(-Math.Pow(Math.Sqrt(2) * SpecialFunctions.ErfInv(2.0 * i / count - 1), 2) / 2);
            centroids[count - i] = count * sigmaZ / Math.Sqrt(2 * Math.PI) * (previous - next);
            previous = next;
        }
        return centroids;
    }
}
