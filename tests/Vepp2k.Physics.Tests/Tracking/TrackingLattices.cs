using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Tests.Tracking;

/// <summary>Rings for the tracking tests.</summary>
internal static class TrackingLattices
{
    /// <summary>
    /// The test ring with an uncompensated solenoid pair, and in place of one straight drift a
    /// field-profile solenoid, a thick sextupole and a thin octupole: every kind of map the tracker
    /// must carry. The circumference (and so the RF frequency) is unchanged.
    /// </summary>
    public static Lattice Nonlinear()
    {
        var ring = TestLattices.Ring(solenoidKs: 0.5, compensated: false);
        var straight = new Element[]
        {
            new Drift("dn1", 0.3),
            new ProfiledSolenoid("sprof", [new Solenoid("p1", 0.1, 0.5), new Solenoid("p2", 0.2, 1.5), new Solenoid("p3", 0.1, -0.5)]),
            new ThickMultipole("sx", 0.1, "sextupole", [0, 0, 20], [0, 0, 2]),
            new ThinMultipole("oc", [0, 0, 0, 50], []),
            new Drift("dn2", 0.3),
        };
        return new Lattice("nonlinear", ring.Elements.SelectMany(e => e.Name == "ds1" ? straight : [e]), ring.EnergyEv);
    }
}
