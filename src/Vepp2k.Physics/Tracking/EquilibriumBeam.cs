using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Tracking;

/// <summary>A tracked beam's second moments and the envelope's, side by side.</summary>
public sealed record EquilibriumResult(
    Matrix6 Covariance,
    double[] EigenEmittances,
    double[] Mean,
    int Survivors,
    int Turns,
    Envelope Envelope)
{
    public double SigmaX => Math.Sqrt(Covariance[0, 0]);
    public double SigmaY => Math.Sqrt(Covariance[2, 2]);
    public double EnergySpread => Math.Sqrt(Covariance[4, 4]);
    public double BunchLength => Math.Sqrt(Covariance[5, 5]);

    /// <summary>Relative statistical error of a variance from n Gaussian samples, sqrt(2/n).</summary>
    public double VarianceError => Math.Sqrt(2.0 / Math.Max(1, Survivors));
}

/// <summary>
/// The equilibrium beam by tracking: particles start on the 6-D radiative closed orbit and are
/// tracked with classical damping and quantum kicks for the given turns (several damping times to be
/// at equilibrium); the second moments about the beam's mean give the rms sizes, and the eigenvalues
/// +-i eps_k of Sigma S give the three eigen-emittances, which are what the Ohmi envelope's mode
/// emittances are (Wolski, PRST-AB 9, 024001, 2006), so the two compare directly.
/// </summary>
public static class EquilibriumBeam
{
    public static EquilibriumResult Compute(Lattice lattice, TrackingOptions options, int particles, int turns,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var tracking = options with { Radiation = true, QuantumExcitation = true };
        var envelope = Envelope.Compute(lattice, tracking.RadiationSliceLength);
        var beam = new ParticleBuffer(particles);
        for (int i = 0; i < particles; i++) beam.Set(i, envelope.ClosedOrbit);
        new RingTracker(lattice, tracking).Track(beam, turns, progress: progress, cancel: cancel);
        var (mean, covariance, survivors) = Moments(beam);
        return new EquilibriumResult(covariance, EigenEmittances(covariance), mean, survivors, turns, envelope);
    }

    private static (double[] Mean, Matrix6 Covariance, int Survivors) Moments(ParticleBuffer beam)
    {
        var mean = new double[6];
        var z = new double[6];
        int n = 0;
        for (int i = 0; i < beam.Count; i++)
        {
            if (!beam.IsAlive(i)) continue;
            beam.Get(i, z);
            for (int k = 0; k < 6; k++) mean[k] += z[k];
            n++;
        }
        for (int k = 0; k < 6; k++) mean[k] /= Math.Max(1, n);
        var covariance = new Matrix6();
        for (int i = 0; i < beam.Count; i++)
        {
            if (!beam.IsAlive(i)) continue;
            beam.Get(i, z);
            for (int a = 0; a < 6; a++)
                for (int b = 0; b < 6; b++) covariance[a, b] += (z[a] - mean[a]) * (z[b] - mean[b]) / Math.Max(1, n - 1);
        }
        return (mean, covariance, n);
    }

    // |Im| of the eigenvalues of Sigma S come in equal pairs, one per mode; sorted large to small.
    private static double[] EigenEmittances(Matrix6 sigma)
    {
        var product = sigma * Matrix6.SymplecticForm();
        var m = Matrix<double>.Build.Dense(6, 6, (i, j) => product[i, j]);
        var values = m.Evd().EigenValues.Select(v => Math.Abs(v.Imaginary)).OrderDescending().ToArray();
        return [values[0], values[2], values[4]];
    }
}
