using Vepp2k.Physics;
using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Machine.Tests.BeamBeam;

/// <summary>
/// Collisions in the flat-1GeV mode, whose solenoids turn the IP frame by 45 degrees (docs/lattice.md): the
/// bunches are flat along a diagonal there, and the strong bunch is met in its own frame.
/// </summary>
public class FlatModeCollisionTests
{
    // At 1 mA with a vertical emittance of 1e-8 m added along the minor axis: each eigenmode's small-amplitude
    // tune moves by the flat-beam xi of its axis summed over both IPs, xi_u,v = N r_e beta* / (2 pi gamma
    // sigma_u,v (sigma_u + sigma_v)), beta* = 0.1 m in both planes (the design), sigma_u^2 the major principal
    // variance of the envelope at each IP, sigma_v^2 = 1e-8 x beta*, less the second-order linear shift
    // pi (sum xi)^2 cot(2 pi Q); to 1 %.
    [Fact]
    public void EachModeMovesByTheFlatBeamXiOfItsAxis()
    {
        const double current = 0.001, vertical = 1e-8, beta = 0.1;
        var lattice = Modes.Load("flat-1GeV").Lattice;
        var result = WeakStrong.Run(lattice, ["SND", "CMD"], new WeakStrongOptions(current, 4, 1, 5, Threads: 1, VerticalEmittance: vertical));
        double population = current / (Constants.ElementaryCharge * Constants.SpeedOfLight / lattice.Circumference);
        double xiU = 0, xiV = 0;
        foreach (var ip in new[] { "SND", "CMD" })
        {
            var s = Envelope.Compute(Collisions.StartingAt(lattice, ip)).Sigma;
            double mean = (s[0, 0] + s[2, 2]) / 2, half = Math.Sqrt(Math.Pow((s[0, 0] - s[2, 2]) / 2, 2) + s[0, 2] * s[0, 2]);
            double su = Math.Sqrt(mean + half), sv = Math.Sqrt(vertical * beta);
            double k = population * Constants.ClassicalElectronRadius * beta / (2 * Math.PI * lattice.Gamma * (su + sv));
            xiU += k / su;
            xiV += k / sv;
        }
        Assert.All(result.Ips, p => Assert.InRange(Math.Abs(p.Strong.Tilt), Math.PI / 4 - 0.01, Math.PI / 4 + 0.01));
        double[] expected = [.. new[] { xiU, xiV }.Select((xi, m) => xi - Math.PI * xi * xi / Math.Tan(2 * Math.PI * result.BareTunes[m]))];
        double[] measured = [.. result.MeasuredTuneShift.Order()];
        Array.Sort(expected);
        Assert.Equal(expected[0], measured[0], 0.01 * expected[0]);
        Assert.Equal(expected[1], measured[1], 0.01 * expected[1]);
    }

    // The flat ring has no vertical emittance of its own; the one given (1 % of the horizontal, as coupling errors
    // would make) is kept as the weak beam's equilibrium by the linear model's diffusion and the accelerated
    // damping: without collisions (1 nA), A = 100, 1600 turns and 8 snapshots 160 turns apart, the tracked sizes
    // along the bunch's axes are sigma_u = 215 um from the envelope and sigma_v = sqrt(eps_v beta_v*) = 21.4 um,
    // within 4 standard errors (the damped-away alternative would leave sigma_v near zero).
    [Fact]
    public void LinearModelKeepsTheGivenVerticalEmittance()
    {
        const double vertical = 4.6e-9, beta = 0.1;
        const int particles = 512, samples = 8;
        var lattice = Modes.Load("flat-1GeV").Lattice;
        var r = WeakStrong.Run(lattice, ["SND", "CMD"], new WeakStrongOptions(1e-9, particles, 1600, 1, TuneTurns: 128, Threads: 2,
            VerticalEmittance: vertical, DampingAcceleration: 100, Model: BeamBeamModel.Linear, Samples: samples, SampleInterval: 160));
        double tolerance = 4 * DampingAccelerationTests.SizeError(particles, samples);
        Assert.Equal(Math.Sqrt(vertical * beta), r.EnvelopeSizes[1], 1e-3 * Math.Sqrt(vertical * beta));
        for (int k = 0; k < 2; k++)
            Assert.True(Math.Abs(r.TrackedSizes[k] / r.EnvelopeSizes[k] - 1) < tolerance,
                $"size {k}: tracked {r.TrackedSizes[k]:E4}, envelope {r.EnvelopeSizes[k]:E4}, tolerance {tolerance:P1}");
    }
}
