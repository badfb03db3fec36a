using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Machine.Tests.BeamBeam;

/// <summary>
/// Quasi-strong-strong (Lifetrac's procedure, beam-physics.md 3.4): the strong bunch takes the weak beam's own
/// moments, so with symmetric beams the iteration's fixed point is a strong bunch the size of the weak beam.
/// </summary>
public class QuasiStrongStrongTests
{
    // Without collisions (1 nA) the weak beam stays at the Ohmi envelope, so every refresh must give the strong
    // bunch the envelope's sizes back, within 4 standard errors of one snapshot of 1024 particles (4.4 %).
    [Fact]
    public void WithoutCollisionsTheRefreshedStrongBunchIsTheEnvelope()
    {
        var lattice = Modes.Load("design-1GeV").Lattice;
        var r = WeakStrong.Run(lattice, ["SND", "CMD"], new WeakStrongOptions(1e-9, 1024, 800, 1, TuneTurns: 128, Threads: 2,
            DampingAcceleration: 100, Model: BeamBeamModel.Linear, Iterations: 2));
        double tolerance = 4 * DampingAccelerationTests.SizeError(1024, 1);
        Assert.Equal(3, r.StrongSizes.Count);
        foreach (var sizes in r.StrongSizes.Skip(1))
            for (int k = 0; k < 3; k++)
                Assert.True(Math.Abs(sizes[k] / r.EnvelopeSizes[k] - 1) < tolerance, $"size {k}: strong {sizes[k]:E4}, envelope {r.EnvelopeSizes[k]:E4}");
    }

    // The flat mode at 100 mA (xi_v = 0.23 per IP against 1 % vertical emittance, working point 0.10 / 0.16): the
    // weak beam's vertical size grows by ~18 % against the rigid equilibrium bunch. Refreshed, the strong bunch follows
    // it, beyond the sampling error (5 standard errors from the envelope), and at the last refresh it is the size
    // the weak beam then keeps, within 4 standard errors of the two (the iteration has reached its fixed point).
    [Fact]
    public void FlatBeamBlowUpReachesTheStrongBunchAndTheIterationSettles()
    {
        var lattice = Modes.Load("flat-1GeV").Lattice;
        const int particles = 1024, samples = 4;
        var r = WeakStrong.Run(lattice, ["SND", "CMD"], new WeakStrongOptions(0.1, particles, 3300, 7, TuneTurns: 128, Threads: 2,
            VerticalEmittance: 4.6e-9, DampingAcceleration: 20, Model: BeamBeamModel.Linear, Tunes: [0.10, 0.16],
            Samples: samples, SampleInterval: 400, Iterations: 3));
        double error = DampingAccelerationTests.SizeError(particles, samples);
        var last = r.StrongSizes[^1];
        Assert.True(last[1] / r.EnvelopeSizes[1] - 1 > 5 * error, $"strong sigma_v {last[1]:E4} against the envelope's {r.EnvelopeSizes[1]:E4}");
        Assert.True(Math.Abs(last[1] / r.TrackedSizes[1] - 1) < 4 * Math.Sqrt(2) * error,
            $"strong sigma_v {last[1]:E4} against the weak beam's {r.TrackedSizes[1]:E4}");
    }
}
