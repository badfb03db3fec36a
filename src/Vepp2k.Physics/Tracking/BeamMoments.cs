using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tracking;

/// <summary>First and second moments of tracked particles: the beam's centre and its 6x6 beam matrix.</summary>
public static class BeamMoments
{
    /// <summary>The coordinates (engine order) of the beam's surviving particles, one array each.</summary>
    public static List<double[]> Alive(ParticleBuffer beam)
    {
        var alive = new List<double[]>(beam.Count);
        for (int i = 0; i < beam.Count; i++)
        {
            if (!beam.IsAlive(i)) continue;
            var z = new double[6];
            beam.Get(i, z);
            alive.Add(z);
        }
        return alive;
    }

    /// <summary>The mean and the (unbiased) covariance of the samples.</summary>
    public static (double[] Mean, Matrix6 Covariance) Of(IReadOnlyList<double[]> samples)
    {
        var mean = new double[6];
        foreach (var z in samples)
            for (int k = 0; k < 6; k++) mean[k] += z[k] / samples.Count;
        var covariance = new Matrix6();
        foreach (var z in samples)
            for (int a = 0; a < 6; a++)
                for (int b = 0; b < 6; b++) covariance[a, b] += (z[a] - mean[a]) * (z[b] - mean[b]) / Math.Max(1, samples.Count - 1);
        return (mean, covariance);
    }
}
