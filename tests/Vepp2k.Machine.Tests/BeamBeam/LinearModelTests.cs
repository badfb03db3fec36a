using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;
using Vepp2k.Physics.Tracking;

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

    // The chromatic phase: an off-momentum particle (delta = +-5e-4, no RF) tracked through the two linear
    // arcs has the mode tunes of the same particle tracked element by element, to 0.5 % of the chromatic shift
    // (the arcs keep the linear chromaticity only; the ring's Q(delta) curvature is left out); without the
    // chromatic phase the linear model's tunes would not move at all.
    [Fact]
    public void OffMomentumTunesFollowTheChromaticity()
    {
        var lattice = Modes.Load("design-1GeV").Lattice;
        var linear = LinearRing.Build(lattice, ["SND", "CMD"], Envelope.Compute(lattice), 0.1);
        double[] deltas = [-5e-4, 0, 5e-4];
        var options = new TrackingOptions(ApertureX: 1, ApertureY: 1, Threads: 1);
        var elements = MomentumTunes.Compute(lattice, deltas, 1024, options);
        var arcs = MomentumTunes.Compute(linear, deltas, 1024, options);
        foreach (int k in new[] { 0, 2 })
        {
            double[] shiftElements = [elements[k].Q1 - elements[1].Q1, elements[k].Q2 - elements[1].Q2];
            double[] shiftArcs = [arcs[k].Q1 - arcs[1].Q1, arcs[k].Q2 - arcs[1].Q2];
            for (int m = 0; m < 2; m++)
                Assert.True(Math.Abs(shiftArcs[m] - shiftElements[m]) < 0.005 * Math.Abs(shiftElements[m]) && Math.Abs(shiftElements[m]) > 1e-4,
                    $"delta {deltas[k]}, mode {m + 1}: linear model {shiftArcs[m]:E4}, elements {shiftElements[m]:E4}");
        }
    }

    // A working point other than the lattice's (a luminosity-map scan): the linear model built for mode tunes
    // 0.12 / 0.08 has them, by the eigen-analysis of its one-turn map, to 1e-9; and its beam-beam tune shift at
    // 2 mA is the exact shift of two thin round lenses half a turn apart, cos(pi Q') = cos(pi Q) - 2 pi xi sin(pi Q)
    // per half ring (xi per IP from the nominal formula), to 0.1 % for each mode at its own tune (0.02 % found).
    [Fact]
    public void WorkingPointIsMovedInTheLinearModel()
    {
        var lattice = Modes.Load("design-1GeV").Lattice;
        var linear = LinearRing.Build(lattice, ["SND", "CMD"], Envelope.Compute(lattice), 0.1, [0.12, 0.08]);
        var tunes = LinearOptics.Compute(linear).FractionalTunes.Order().ToArray();
        Assert.Equal(0.08, tunes[0], 1e-9);
        Assert.Equal(0.12, tunes[1], 1e-9);

        var r = WeakStrong.Run(lattice, ["SND", "CMD"], new WeakStrongOptions(0.002, 4, 1, 5, Threads: 1, Model: BeamBeamModel.Linear, Tunes: [0.12, 0.08]));
        double xi = r.Ips[0].XiX;
        for (int k = 0; k < 2; k++)
        {
            double q = r.BareTunes[k];
            double shifted = Math.Acos(Math.Cos(Math.PI * q) - 2 * Math.PI * xi * Math.Sin(Math.PI * q)) / Math.PI;
            Assert.Equal(shifted - q, r.MeasuredTuneShift[k], 1e-3 * (shifted - q));
        }
    }
}
