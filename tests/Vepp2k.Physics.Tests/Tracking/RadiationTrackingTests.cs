using System.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Tests.Tracking;

/// <summary>Tracked beams with radiation against the Ohmi envelope of the same ring.</summary>
public class RadiationTrackingTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>
    /// Each particle starts on one eigenmode of the radiative one-turn map about the 6-D closed orbit;
    /// its amplitude in that mode (the Krein projection on the mode's eigenvector) must fall as
    /// exp(-decrement n), the decrement being the envelope's.
    /// </summary>
    [Fact]
    public void CentroidDampingRatesAreTheEnvelopeDecrements()
    {
        var lattice = TestLattices.Ring();
        var envelope = Envelope.Compute(lattice, 0.1);
        var modes = Eigenmodes.Analyze(envelope.OneTurn, 6);
        var tracker = new RingTracker(lattice, new TrackingOptions(Radiation: true, RadiationSliceLength: 0.1));
        var orbit = envelope.ClosedOrbit;
        var beam = new ParticleBuffer(3);
        for (int k = 0; k < 3; k++)
            beam.Set(k, Enumerable.Range(0, 6).Select(i => orbit[i] + 1e-5 * modes.Vectors[k][i].Real).ToArray());
        const int turns = 6000;
        var logs = new double[3, turns];
        var z = new double[6];
        for (int t = 0; t < turns; t++)
        {
            tracker.Track(beam, 1, firstTurn: t);
            for (int k = 0; k < 3; k++)
            {
                beam.Get(k, z);
                var deviation = z.Select((v, i) => new Complex(v - orbit[i], 0)).ToArray();
                logs[k, t] = Math.Log(Eigenmodes.Krein(modes.Vectors[k], deviation).Magnitude);
            }
        }
        for (int k = 0; k < 3; k++)
        {
            double rate = -Slope(Enumerable.Range(0, turns).Select(t => logs[k, t]).ToArray());
            Assert.Equal(modes.Decrement(k), rate, 1e-3 * modes.Decrement(k));   // the issue asks 2 %; agreement is ~1e-7
        }
        Assert.Equal(envelope.Decrements.Order(), Enumerable.Range(0, 3).Select(modes.Decrement).Order());
    }

    /// <summary>
    /// The test ring at 4 GeV with 40 MV of RF, so that it damps in ~1100 turns: 256 particles
    /// from the closed orbit, tracked 5 damping times with quantum kicks, then pooled over 12 snapshots
    /// a damping time apart (about 3000 nearly independent samples: a variance to ~2.6 % rms). The
    /// tracked second moments must be the envelope's within four standard errors.
    /// </summary>
    [Fact]
    public void EquilibriumMomentsOfATrackedBeamAreTheEnvelopes()
    {
        var lattice = TestLattices.Ring(voltage: 40e6).WithEnergy(4e9);
        var envelope = Envelope.Compute(lattice, 0.1);
        int damping = (int)Math.Ceiling(1 / envelope.Decrements.Min());
        Assert.InRange(damping, 500, 2000);
        var result = EquilibriumBeam.Compute(lattice, new TrackingOptions(Seed: 7), 256, 5 * damping, snapshots: 12, spacing: damping);
        double tolerance = 4 * result.VarianceError;
        foreach (int k in new[] { 0, 1, 4, 5 })
            Assert.Equal(1, result.Covariance[k, k] / envelope.Sigma[k, k], tolerance);
        var tracked = result.EigenEmittances;
        var expected = envelope.Emittances.Where(e => e > 1e-15).OrderDescending().ToArray();
        Assert.Equal(1, tracked[0] / expected[0], tolerance);
        Assert.Equal(1, tracked[1] / expected[1], tolerance);
    }

    /// <summary>
    /// The version: 1e4 particles from the closed orbit (zero emittance), one snapshot after three
    /// damping times of the slowest mode (the emittances reach 1 - e^-6 = 99.75 % of equilibrium), bends
    /// radiating at two points each (the envelope computed with the same points). The statistical error of a
    /// variance from 1e4 independent samples is sqrt(2 / 1e4) = 1.4 %: four of them, 5.7 %, is the bound,
    /// and the 0.25 % still to be damped is inside it.
    /// </summary>
    [Fact]
    public void EquilibriumEmittancesOfTenThousandTrackedParticlesAreTheEnvelopes()
    {
        var lattice = TestLattices.Ring(voltage: 40e6).WithEnergy(4e9);
        var options = new TrackingOptions(Seed: 11, RadiationSliceLength: 0.55);
        var envelope = Envelope.Compute(lattice, options.RadiationSliceLength);
        int damping = (int)Math.Ceiling(1 / envelope.Decrements.Min());
        var result = EquilibriumBeam.Compute(lattice, options, 10_000, 3 * damping);
        Assert.Equal(10_000, result.Samples);
        double tolerance = 4 * result.VarianceError;
        var expected = envelope.Emittances.Where(e => e > 1e-15).OrderDescending().ToArray();
        output.WriteLine($"{damping} turns per damping time; tracked / envelope: emittances " +
            string.Join(" ", expected.Select((e, k) => $"{result.EigenEmittances[k] / e:F4}")) + "; Sigma_xx, pxpx, dd, ctct " +
            string.Join(" ", new[] { 0, 1, 4, 5 }.Select(k => $"{result.Covariance[k, k] / envelope.Sigma[k, k]:F4}")) + $"; variance error {result.VarianceError:P2}");
        for (int k = 0; k < 2; k++)
            Assert.Equal(1, result.EigenEmittances[k] / expected[k], tolerance);
        foreach (int k in new[] { 0, 1, 4, 5 })
            Assert.Equal(1, result.Covariance[k, k] / envelope.Sigma[k, k], tolerance);
        // Quantum excitation in a linear ring makes a Gaussian beam: in each mode the fraction beyond A rms is
        // exp(-A^2/2), within four binomial standard errors of 1e4 samples.
        Assert.Equal(2, result.FractionBeyond.Length);   // the ring's vertical mode has no emittance
        foreach (var mode in result.FractionBeyond)
            for (int t = 0; t < 4; t++)
            {
                double a = result.TailAmplitudes[t], p = BeamTails.GaussianBeyond(a);
                Assert.InRange(mode[t], p - 4 * Math.Sqrt(p * (1 - p) / 10_000), p + 4 * Math.Sqrt(p * (1 - p) / 10_000));
            }
    }

    private static double Slope(double[] y)
    {
        double n = y.Length, meanX = (n - 1) / 2, meanY = y.Average();
        double sxy = 0, sxx = 0;
        for (int i = 0; i < y.Length; i++) { sxy += (i - meanX) * (y[i] - meanY); sxx += (i - meanX) * (i - meanX); }
        return sxy / sxx;
    }
}
