using Vepp2k.Machine.Beam;
using Vepp2k.Physics;
using Vepp2k.Physics.Radiation;
using Vepp2k.Physics.Tracking;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Beam;

public class BeamEnvelopeTests(ITestOutputHelper output)
{
    private static Lattice StartingAt(Lattice ring, string point)
    {
        int at = ring.IndexOf(point);
        return new Lattice(ring.Name + " from " + point, ring.Elements.Skip(at + 1).Concat(ring.Elements.Take(at + 1)), ring.EnergyEv);
    }

    [Fact]
    public void BeamSpotsAreTheEquilibriumOfTheRingStartedAtEachMonitor()
    {
        // Independent truth: a separate Lyapunov solution of the radiative equilibrium with the errored ring
        // started at the monitor, instead of the one at SND carried there by SigmaAt.
        var ring = SteeredRingTests.Design(RingErrors.Generate(4)).Lattice;
        var seen = BeamProbe.Observe(ring);
        foreach (var spot in seen.Ccds.Where((_, k) => k % 3 == 0))
        {
            var sigma = Envelope.Compute(StartingAt(ring, spot.Name)).Sigma;
            output.WriteLine($"{spot.Name}: sigma_x {spot.SigmaX * 1e6:F3} / {Math.Sqrt(sigma[0, 0]) * 1e6:F3} um, sigma_z {spot.SigmaZ * 1e6:F3} / {Math.Sqrt(sigma[2, 2]) * 1e6:F3} um, tilt {spot.Tilt:F4}");
            Assert.Equal(Math.Sqrt(sigma[0, 0]), spot.SigmaX, 1e-6 * spot.SigmaX);
            Assert.Equal(Math.Sqrt(sigma[2, 2]), spot.SigmaZ, 1e-6 * spot.SigmaZ);
            Assert.Equal(sigma[0, 2], spot.CovarianceXZ, 1e-6 * spot.SigmaX * spot.SigmaZ);
        }
    }

    [Fact]
    public void BeamSpotIsWhatTrackedParticlesFillWithRadiationAndQuantumKicks()
    {
        // Independent truth by tracking: particles with classical damping and quantum excitation, pooled
        // over snapshots a damping time apart, at the light monitor 2M1R of the errored ring.
        var ring = SteeredRingTests.Design(RingErrors.Generate(4)).Lattice;
        var spot = BeamProbe.Observe(ring).Ccds.Single(c => c.Name == "2M1R");
        var tracked = EquilibriumBeam.Compute(StartingAt(ring, "2M1R"), new TrackingOptions(), particles: 64, turns: 60_000, snapshots: 5, spacing: 10_000);
        double tolerance = 3 * tracked.VarianceError / 2;   // relative error of an rms from its variance, 3 sigma
        output.WriteLine($"2M1R: sigma_x {spot.SigmaX * 1e6:F2} (tracked {tracked.SigmaX * 1e6:F2}) um, sigma_z {spot.SigmaZ * 1e6:F2} (tracked {tracked.SigmaY * 1e6:F2}) um, {tracked.Samples} samples, tolerance {tolerance:P1}");
        Assert.Equal(spot.SigmaX, tracked.SigmaX, tolerance * spot.SigmaX);
        Assert.Equal(spot.SigmaZ, tracked.SigmaY, tolerance * spot.SigmaZ);
    }
}
