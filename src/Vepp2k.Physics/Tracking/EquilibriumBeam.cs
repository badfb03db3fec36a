using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Tracking;

/// <summary>
/// A tracked beam's second moments and the envelope's, side by side, and its tails: the fraction of the samples
/// beyond each of <see cref="TailAmplitudes"/> (in rms units) in each of the envelope's modes with emittance
/// (<see cref="BeamTails"/>; a Gaussian beam has exp(-A^2/2)).
/// </summary>
public sealed record EquilibriumResult(
    Matrix6 Covariance,
    double[] EigenEmittances,
    double[] Mean,
    int Survivors,
    int Samples,
    int Turns,
    Envelope Envelope,
    IReadOnlyList<double> TailAmplitudes,
    double[][] FractionBeyond)
{
    public double SigmaX => Math.Sqrt(Covariance[0, 0]);
    public double SigmaY => Math.Sqrt(Covariance[2, 2]);
    public double EnergySpread => Math.Sqrt(Covariance[4, 4]);
    public double BunchLength => Math.Sqrt(Covariance[5, 5]);

    /// <summary>Relative statistical error of a variance from n independent Gaussian samples, sqrt(2/n).</summary>
    public double VarianceError => Math.Sqrt(2.0 / Math.Max(1, Samples));
}

/// <summary>
/// The equilibrium beam by tracking: particles start on the 6-D radiative closed orbit and are
/// tracked with classical damping and quantum kicks for the given turns (several damping times to be
/// at equilibrium), then optionally sampled again at intervals; the second moments of all samples
/// about their mean give the rms sizes, and the eigenvalues
/// +-i eps_k of Sigma S give the three eigen-emittances, which are what the Ohmi envelope's mode
/// emittances are (Wolski, PRST-AB 9, 024001, 2006), so the two compare directly.
/// </summary>
public static class EquilibriumBeam
{
    /// <param name="turns">Turns before the first snapshot of the beam.</param>
    /// <param name="snapshots">Snapshots pooled into the moments (more samples of the same equilibrium).</param>
    /// <param name="spacing">Turns between snapshots; about a damping time keeps them nearly independent.</param>
    public static EquilibriumResult Compute(Lattice lattice, TrackingOptions options, int particles, int turns,
        int snapshots = 1, int spacing = 0, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var tracking = options with { Radiation = true, QuantumExcitation = true };
        var envelope = Envelope.Compute(lattice, tracking.RadiationSliceLength);
        var beam = new ParticleBuffer(particles);
        for (int i = 0; i < particles; i++) beam.Set(i, envelope.ClosedOrbit);
        var tracker = new RingTracker(lattice, tracking);
        var samples = new List<double[]>();
        int turn = 0;
        for (int s = 0; s < Math.Max(1, snapshots); s++)
        {
            int run = s == 0 ? turns : spacing;
            tracker.Track(beam, run, turn, progress: ProgressOffset.For(progress, s * particles), cancel: cancel);
            turn += run;
            samples.AddRange(BeamMoments.Alive(beam));
        }
        var (mean, covariance) = BeamMoments.Of(samples);
        // Tails in the envelope's modes, about the beam's own centre.
        double[] amplitudes = [1, 2, 3, 4, 5];
        var deviations = samples.Select(z => z.Select((v, k) => v - mean[k]).ToArray()).ToList();
        var beyond = new BeamTails(envelope.Sigma).FractionBeyond(deviations, amplitudes);
        return new EquilibriumResult(covariance, EigenEmittances(covariance), mean, beam.AliveCount, samples.Count, turn, envelope, amplitudes, beyond);
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
