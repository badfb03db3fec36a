using Vepp2k.Physics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Tests;

public class RadiationTests
{
    [Fact]
    public void EnergyLossMatchesCGammaE4I2()
    {
        var lattice = TestLattices.Ring();
        var optics = LinearOptics.Compute(lattice);
        var integrals = RadiationIntegrals.Compute(optics);
        // Isomagnetic ring: I2 = 2 pi / rho exactly.
        Assert.Equal(2 * Math.PI / 1.4, integrals.I2, 12);
        var envelope = Envelope.Compute(lattice);
        double u0 = Constants.CGamma * Math.Pow(1e9, 4) * integrals.I2 / (2 * Math.PI);
        Assert.InRange(u0, 63.18e3, 63.20e3);   // beam-physics.md: 63.19 keV at rho = 1.4 m, 1 GeV
        Assert.InRange(envelope.EnergyLossEv / u0, 1 - 1e-4, 1 + 1e-4);
    }

    [Fact]
    public void RobinsonTheoremHoldsUncoupledAndCoupled()
    {
        foreach (var lattice in new[] { TestLattices.Ring(), TestLattices.Ring(solenoidKs: 0.8, compensated: false), TestLattices.Ring(bendK1: -0.3) })
        {
            var envelope = Envelope.Compute(lattice);
            Assert.Equal(4.0, envelope.Partition.Sum(), 3);
        }
    }

    [Fact]
    public void EnvelopeEmittanceAgreesWithIntegralsOnAnUncoupledRing()
    {
        var lattice = TestLattices.Ring();
        var optics = LinearOptics.Compute(lattice);
        var integrals = RadiationIntegrals.Compute(optics);
        var envelope = Envelope.Compute(lattice, sliceLength: 0.03);
        double gamma = lattice.Gamma;
        Assert.InRange(envelope.Emittances[0] / integrals.NaturalEmittance(gamma), 0.995, 1.005);
        Assert.InRange(envelope.EnergySpread / integrals.EnergySpread(gamma), 0.995, 1.005);
        Assert.True(envelope.Emittances[1] < 1e-6 * envelope.Emittances[0]);
        var (jx, _, je) = integrals.Partition;
        Assert.InRange(envelope.Partition[0] / jx, 0.995, 1.005);
        Assert.InRange(envelope.Partition[2] / je, 0.995, 1.005);
    }
}
