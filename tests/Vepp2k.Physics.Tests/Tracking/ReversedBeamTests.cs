using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests.Tracking;

/// <summary>The counter-rotating beam (e+ in VEPP-2000) through the same magnets.</summary>
public class ReversedBeamTests
{
    private static readonly TrackContext Context = new(1e9, false);

    /// <summary>
    /// The reversed one-turn map is R M^-1 R; M^-1 has the inverse eigenvalues (tunes -nu) and the
    /// anti-symplectic R turns them back, so both beams have the same eigen-tunes, however asymmetric the
    /// ring: here uncompensated solenoids, a field-profile solenoid, a sextupole and bends with unequal
    /// faces. Reversing the order without the element rules (solenoid sign, swapped faces) does not.
    /// </summary>
    [Fact]
    public void BothBeamsHaveTheSameEigenTunes()
    {
        var ring = AsymmetricRing();
        var forward = LinearOptics.Compute(ring).FractionalTunes;
        var backward = LinearOptics.Compute(ring.Reversed()).FractionalTunes;
        Assert.Equal(forward[0], backward[0], 1e-10);
        Assert.Equal(forward[1], backward[1], 1e-10);
        // The order reversed alone is another ring (here not even a stable one).
        bool differs;
        try
        {
            var naive = LinearOptics.Compute(new Lattice("naive", ring.Elements.Reverse(), ring.EnergyEv)).FractionalTunes;
            differs = Math.Abs(naive[0] - forward[0]) + Math.Abs(naive[1] - forward[1]) > 1e-4;
        }
        catch (OpticsException) { differs = true; }
        Assert.True(differs, "the check has no power");
    }

    /// <summary>
    /// Through one solenoid a particle starting at (x0, 0, 0, 0) comes out at y = -sin(theta) cos(theta) x0
    /// (theta = KS L / 2, the Larmor angle); the other beam, seeing the field backwards with the
    /// opposite charge, is turned the other way: same x, opposite y.
    /// </summary>
    [Fact]
    public void TheSolenoidTurnsTheOtherBeamTheOtherWay()
    {
        var solenoid = new Solenoid("s", 0.5, 2.0);
        double[] electron = [1e-3, 0, 0, 0, 0, 0], positron = [1e-3, 0, 0, 0, 0, 0];
        Tracker.Track([solenoid], electron, Context);
        Tracker.Track([solenoid.Reversed()], positron, Context);
        double theta = 2.0 * 0.5 / 2;
        Assert.Equal(-Math.Sin(theta) * Math.Cos(theta) * 1e-3, electron[2], 1e-15);
        Assert.Equal(electron[0], positron[0], 1e-15);
        Assert.Equal(-electron[2], positron[2], 1e-15);
    }

    /// <summary>Each element's reversed map is R M^-1 R: tracking forward, reversing momenta and ct, then
    /// through the reversed element brings the particle back with reversed momenta.</summary>
    [Theory]
    [MemberData(nameof(MapTests.Maps), MemberType = typeof(MapTests))]
    public void ReversedMapUndoesTheMapUnderTimeReversal(Element element)
    {
        if (element is RfCavity) return;   // a cavity is the same for both beams, not time-reversed
        double[] start = [1e-3, -2e-4, 5e-4, 1e-4, 3e-3, 2e-4];
        var z = (double[])start.Clone();
        Tracker.Track([element], z, Context);
        double[] back = [z[0], -z[1], z[2], -z[3], z[4], -z[5]];
        Tracker.Track([element.Reversed()], back, Context);
        double[] expected = [start[0], -start[1], start[2], -start[3], start[4], -start[5]];
        for (int i = 0; i < 6; i++) Assert.Equal(expected[i], back[i], 1e-14);
    }

    private static Lattice AsymmetricRing()
    {
        var ring = TrackingLattices.Nonlinear();
        int bends = 0;
        return new Lattice("asymmetric", ring.Elements.Select(e => e is SectorBend b && bends++ == 0
            ? new SectorBend(b.Name, b.Length, b.Angle, e1: 0.1, e2: -0.05, fint: 0.5, fintx: 0.3, hgap: 0.02)
            : e), ring.EnergyEv);
    }
}
