using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Tests;

public class OrbitAndSynchrotronTests
{
    // Closed orbit of one kick theta at s1 seen at s0: x = theta sqrt(b0 b1) cos(|mu0 - mu1| - pi Q) / (2 sin pi Q).
    [Fact]
    public void SingleKickClosedOrbitMatchesTheTextbookFormula()
    {
        var ring = TestLattices.Ring();
        const double theta = 1e-5;
        var kicked = new Lattice("kicked", ring.Elements.Select(e => e.Name == "m3" ? new Kicker("k", 0, theta, 0) : e), 1e9);
        var optics = LinearOptics.Compute(ring);
        int k = ring.IndexOf("m3");
        var atKick = optics.Rows[k + 1];
        var orbit = ClosedOrbit.Find4D(kicked.Elements, 0, new TrackContext(1e9, false));
        double q = optics.Tunes[0];
        var start = optics.Start;
        double dmu = 2 * Math.PI * Math.Abs(atKick.MuX - start.MuX);
        double expected = theta * Math.Sqrt(start.BetX * atKick.BetX) * Math.Cos(dmu - Math.PI * q) / (2 * Math.Sin(Math.PI * q));
        Assert.Equal(expected, orbit[0], Math.Abs(expected) * 1e-5);   // second-order terms of the exact bend are ~x/rho
    }

    // The 2x2 one-turn block gives beta = M12 / sin(mu) and cos(mu) = (M11 + M22)/2 independently of the eigen-analysis.
    [Fact]
    public void UncoupledFunctionsAgreeWithTheTwoByTwoFormulas()
    {
        var optics = LinearOptics.Compute(TestLattices.Ring());
        var m = optics.OneTurn;
        foreach (var (plane, beta, tune) in new[] { (0, optics.Start.BetX, optics.Tunes[0]), (2, optics.Start.BetY, optics.Tunes[1]) })
        {
            double mu = 2 * Math.PI * tune;
            Assert.Equal(Math.Cos(mu), (m[plane, plane] + m[plane + 1, plane + 1]) / 2, 12);
            Assert.Equal(m[plane, plane + 1] / Math.Sin(mu), beta, 10);
        }
    }

    // nu_s^2 = h alpha e V cos(phi_s) / (2 pi E) (small amplitude, linear RF, ultra-relativistic).
    [Fact]
    public void SynchrotronTuneMatchesTheLinearFormula()
    {
        var ring = TestLattices.Ring(voltage: 200e3);
        var envelope = Envelope.Compute(ring);
        var optics = LinearOptics.Compute(ring);
        double u0 = envelope.EnergyLossEv, v = 200e3;
        double cosPhi = Math.Sqrt(1 - (u0 / v) * (u0 / v));
        double nu = Math.Sqrt(14 * optics.MomentumCompaction * v * cosPhi / (2 * Math.PI * 1e9));
        Assert.InRange(envelope.SynchrotronTune / nu, 0.995, 1.005);
    }

    // Amplitude decrements per turn are J_k U0 / (2 E).
    [Fact]
    public void DampingDecrementsAreThePartitionTimesU0Over2E()
    {
        var envelope = Envelope.Compute(TestLattices.Ring());
        for (int k = 0; k < 3; k++)
            Assert.Equal(envelope.Partition[k] * envelope.EnergyLossEv / 2e9, envelope.Decrements[k], 15);
        var integrals = RadiationIntegrals.Compute(LinearOptics.Compute(TestLattices.Ring()));
        Assert.InRange(envelope.Decrements[1] / (integrals.EnergyLossEv(1e9) / 2e9), 0.999, 1.001);   // Jy = 1
    }
}
