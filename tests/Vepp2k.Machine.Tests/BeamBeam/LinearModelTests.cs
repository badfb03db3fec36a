using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Machine.Tests.BeamBeam;

/// <summary>The fast model (one linear 6-D map per half ring) against the element-by-element design-1GeV ring.</summary>
public class LinearModelTests
{
    // At 40 mA (xi ~ 0.01 per IP), 3 slices, both with 100 times the damping: the small-amplitude tune shift
    // (NAFF in each model) agrees to 1e-4 of itself, the equilibrium sizes at SND and the weak-strong
    // luminosity within 4 standard errors of the difference (384 particles, 8 snapshots each).
    [Fact]
    public void LinearModelAgreesWithTheElements()
    {
        var lattice = Modes.Load("design-1GeV").Lattice;
        const int particles = 384, samples = 8;
        WeakStrongResult Run(BeamBeamModel model) => WeakStrong.Run(lattice, ["SND", "CMD"],
            new WeakStrongOptions(0.04, particles, 800, 3, TuneTurns: 512, Threads: 2, DampingAcceleration: 100, Model: model,
                Samples: samples, SampleInterval: 160));
        var elements = Run(BeamBeamModel.Lattice);
        var linear = Run(BeamBeamModel.Linear);
        for (int k = 0; k < 2; k++)
            Assert.Equal(elements.MeasuredTuneShift[k], linear.MeasuredTuneShift[k], 1e-4 * elements.MeasuredTuneShift[k]);
        double size = 4 * Math.Sqrt(2) * DampingAccelerationTests.SizeError(particles, samples);
        for (int k = 0; k < 3; k++)
            Assert.True(Math.Abs(linear.TrackedSizes[k] / elements.TrackedSizes[k] - 1) < size,
                $"size {k}: linear {linear.TrackedSizes[k]:E4}, elements {elements.TrackedSizes[k]:E4}, tolerance {size:P1}");
        Assert.True(Math.Abs(linear.TrackedLuminosity / elements.TrackedLuminosity - 1) < Math.Sqrt(2) * size,
            $"luminosity: linear {linear.TrackedLuminosity:E4}, elements {elements.TrackedLuminosity:E4}");
    }
}
