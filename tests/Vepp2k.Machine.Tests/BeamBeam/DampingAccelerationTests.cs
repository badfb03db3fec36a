using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Machine.Tests.BeamBeam;

/// <summary>
/// Damping acceleration in the design-1GeV ring: A times the damping and the quantum excitation must leave
/// the equilibrium where it was, so that a run of 5 damping times costs 1/A of the turns.
/// </summary>
public class DampingAccelerationTests
{
    // Relative standard error of an rms size averaged over `samples` snapshots of `particles` particles: the
    // variance of a Gaussian sample has relative error sqrt(2/n), the size half that; snapshots half a
    // transverse damping time apart are correlated (exp(-1) in the variance), counted as half as many.
    internal static double SizeError(int particles, int samples) => Math.Sqrt(2.0 / (particles * Math.Max(1, samples / 2))) / 2;

    // Without collisions (a strong bunch of 1 nA) and with the damping 100 times faster (3.3e2 turns
    // transverse, 1.7e2 longitudinal instead of 3.3e4 and 1.7e4), the beam tracked for 4.8 transverse damping
    // times and 8 or 16 snapshots after keeps the Ohmi envelope's sizes, element by element and in the linear
    // model, within 4 standard errors (6 % and 3 %); too little excitation or too much damping would have
    // moved the sizes by 1 - 1/sqrt(A) within that time. The unaccelerated ring's tracked equilibrium is the
    // envelope's too (the tracking tests), so accelerated and unaccelerated agree.
    [Theory]
    [InlineData(BeamBeamModel.Lattice, 512, 8)]
    [InlineData(BeamBeamModel.Linear, 1024, 16)]
    public void AcceleratedEquilibriumWithoutCollisionsIsTheEnvelope(BeamBeamModel model, int particles, int samples)
    {
        var lattice = Modes.Load("design-1GeV").Lattice;
        var r = WeakStrong.Run(lattice, ["SND", "CMD"], new WeakStrongOptions(1e-9, particles, 1600, 1, TuneTurns: 128, Threads: 2,
            DampingAcceleration: 100, Model: model, Samples: samples, SampleInterval: 160));
        double tolerance = 4 * SizeError(particles, samples);
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(r.TrackedSizes[k] / r.EnvelopeSizes[k] - 1) < tolerance,
                $"size {k}: tracked {r.TrackedSizes[k]:E4}, envelope {r.EnvelopeSizes[k]:E4}, tolerance {tolerance:P1}");
    }

    // With collisions at xi ~ 0.01 per IP (40 mA), the linear model's weak beam with the natural damping (about
    // 1 transverse damping time from the no-collision equilibrium, then 4 snapshots half a damping time apart)
    // and with 10 times the damping (the same in damping times) reaches the same sizes and luminosity within 4
    // standard errors of the difference (18 %; the luminosity's error taken as the two sizes' together). Coarse
    // (the unaccelerated run costs 2e7 particle-turns), but too little excitation would have made the
    // accelerated beam 1/sqrt(10) = 0.32 times as large.
    [Fact]
    public void AcceleratedAndUnacceleratedWeakStrongRunsAgree()
    {
        var lattice = Modes.Load("design-1GeV").Lattice;
        const int particles = 256, samples = 4;
        WeakStrongResult Run(double acceleration, int turns, int interval) => WeakStrong.Run(lattice, ["SND", "CMD"],
            new WeakStrongOptions(0.04, particles, turns, 1, TuneTurns: 128, Threads: 2, DampingAcceleration: acceleration,
                Model: BeamBeamModel.Linear, Samples: samples, SampleInterval: interval));
        var natural = Run(1, 32_000, 16_000);
        var fast = Run(10, 3_200, 1_600);
        double size = 4 * Math.Sqrt(2) * SizeError(particles, samples);
        for (int k = 0; k < 2; k++)
            Assert.True(Math.Abs(fast.TrackedSizes[k] / natural.TrackedSizes[k] - 1) < size,
                $"size {k}: x10 {fast.TrackedSizes[k]:E4}, natural {natural.TrackedSizes[k]:E4}, tolerance {size:P1}");
        Assert.True(Math.Abs(fast.TrackedLuminosity / natural.TrackedLuminosity - 1) < Math.Sqrt(2) * size,
            $"luminosity: x10 {fast.TrackedLuminosity:E4}, natural {natural.TrackedLuminosity:E4}");
    }
}
