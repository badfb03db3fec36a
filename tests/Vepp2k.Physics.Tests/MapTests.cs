using CsCheck;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests;

public class MapTests
{
    private static readonly TrackContext Context = new(1e9, false);

    public static TheoryData<Element> Maps() =>
    [
        new Drift("d", 0.7),
        new Quadrupole("qf", 0.19, 15.6),
        new Quadrupole("qd", 0.14, -8.6),
        new Quadrupole("qweak", 0.06, 1e-9),
        new Quadrupole("qs", 0.14, 3.0, k1s: 2.0, tilt: 0.1),
        new SectorBend("b", 1.0996, Math.PI / 4),
        new SectorBend("bk", 1.0996, Math.PI / 4, k1: -0.5, k2: 1.0, e1: 0.2, e2: -0.1, fint: 0.5, hgap: 0.02),
        new SectorBend("btilt", 0.5, 0.3, tilt: Math.PI / 2, e1: 0.15, e2: 0.15),
        new Solenoid("s", 0.6, 3.65),
        new Solenoid("sweak", 0.6, 1e-9),
        new ProfiledSolenoid("sprof", [new Solenoid("p1", 0.1, 1.0), new Solenoid("p2", 0.3, 3.65), new Solenoid("p3", 0.2, -2.0)]),
        new ThickMultipole("sx", 0.1, "sextupole", [0, 0, 40], [0, 0, 5]),
        new ThickMultipole("oc", 0.1, "octupole", [0, 0, 0, 300], []),
        new ThinMultipole("m", [1e-3, 0.2, 3.0], [0, 0.1]),
        new Kicker("k", 0.1, 1e-3, -2e-3),
        new SRotation("r", 0.3),
        new RfCavity("rf", 0.2, 1e5, 0.5, 172e6, 0),
        new DipoleEdge("e", 0.7, 0.3, 0.5, 0.02, 0),
    ];

    // Every map is symplectic in 6-D: M^T S M = S for its Jacobian at any phase-space point.
    [Theory]
    [MemberData(nameof(Maps))]
    public void EveryMapIsSymplecticAtRandomPoints(Element element)
    {
        var coordinate = Gen.Double[-2e-3, 2e-3];
        Gen.Select(coordinate, coordinate, coordinate, coordinate, Gen.Double[-1e-2, 1e-2], coordinate)
            .Sample((x, px, y, py, d, ct) =>
            {
                var z = new[] { x, px, y, py, d, ct };
                var m = Tracker.TrackWithJacobian([element], z, Context);
                return m.SymplecticError() < 1e-12;
            }, iter: 200);
    }

    [Fact]
    public void DualJacobianAgreesWithFiniteDifferences()
    {
        var bend = new SectorBend("bk", 1.0996, Math.PI / 4, k1: -0.5, e1: 0.2, fint: 0.5, hgap: 0.02);
        var z0 = new[] { 1e-3, -2e-4, 5e-4, 1e-4, 3e-3, 0 };
        var m = Tracker.TrackWithJacobian([bend], (double[])z0.Clone(), Context);
        const double h = 1e-7;
        for (int j = 0; j < 6; j++)
        {
            var zp = (double[])z0.Clone(); zp[j] += h;
            var zm = (double[])z0.Clone(); zm[j] -= h;
            Tracker.Track([bend], zp, Context);
            Tracker.Track([bend], zm, Context);
            for (int i = 0; i < 6; i++) Assert.Equal((zp[i] - zm[i]) / (2 * h), m[i, j], 6);
        }
    }

    [Fact]
    public void SolenoidRotatesThePlaneByTheLarmorAngle()
    {
        // beam-physics.md 6.2: at delta = 0 the hard-edge solenoid is R(theta) F with theta = K L,
        // K = KS/2, F the same 2x2 focusing in both planes (cos^2 ... form). Check against that matrix.
        double ks = 3.0, length = 0.5, k = ks / 2, c = Math.Cos(k * length), s = Math.Sin(k * length);
        var m = Tracker.TrackWithJacobian([new Solenoid("s", length, ks)], new double[6], Context);
        double[,] expected =
        {
            { c * c, s * c / k, s * c, s * s / k },
            { -k * s * c, c * c, -k * s * s, s * c },
            { -s * c, -s * s / k, c * c, s * c / k },
            { k * s * s, -s * c, -k * s * c, c * c },
        };
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++) Assert.Equal(expected[i, j], m[i, j], 12);

        // A particle entering parallel at (x, 0) leaves rotated about the axis by -theta (Larmor):
        // the ratio y/x after the solenoid is -tan(theta).
        var z = new double[] { 1e-3, 0, 0, 0, 0, 0 };
        Tracker.Track([new Solenoid("s", length, ks)], z, Context);
        Assert.Equal(-Math.Tan(k * length), z[2] / z[0], 12);
    }

    [Fact]
    public void ExactBendConservesMomentumAndMatchesCircleGeometry()
    {
        // A particle with delta moves on a circle of radius rho (1 + delta): from x = 0, px = 0 its
        // exit x is rho (1 + delta)(1 - cos phi) ... checked via the closed form of the sector bend.
        double rho = 1.4, theta = Math.PI / 4, delta = 0.01;
        var z = new double[] { 0, 0, 0, 0, delta, 0 };
        Tracker.Track([new SectorBend("b", rho * theta, theta)], z, Context);
        // Geometry: circle of radius R = rho (1 + delta) tangent at the entrance, centre at (rho - R, 0).
        double r = rho * (1 + delta), cx = rho - r;
        // Intersection with the exit ray t (cos theta, sin theta) from the ring centre:
        // |t e - c|^2 = R^2 -> t^2 - 2 t cx cos theta + cx^2 - R^2 = 0.
        double t = cx * Math.Cos(theta) + Math.Sqrt(cx * cx * Math.Cos(theta) * Math.Cos(theta) - cx * cx + r * r);
        Assert.Equal(t - rho, z[0], 12);
    }

    // A run of equal pieces is the solenoid itself (the pieces' maps compose exactly), and its Larmor
    // rotation is the sum of the pieces'.
    [Fact]
    public void ProfiledSolenoidOfEqualPiecesIsOneSolenoid()
    {
        var whole = new Solenoid("s", 0.6, 3.65);
        var run = new ProfiledSolenoid("s", [.. Enumerable.Range(0, 6).Select(i => new Solenoid("s", 0.1, 3.65))]);
        Assert.Equal(whole.Length, run.Length, 14);
        Assert.Equal(whole.RotationAngle, run.RotationAngle, 14);
        Span<double> a = [1e-3, -2e-4, 5e-4, 3e-4, 2e-3, 0], b = [1e-3, -2e-4, 5e-4, 3e-4, 2e-3, 0];
        var ma = Tracker.TrackWithJacobian([whole], a, Context);
        var mb = Tracker.TrackWithJacobian([run], b, Context);
        for (int i = 0; i < 6; i++)
        {
            Assert.Equal(a[i], b[i], 1e-15);
            for (int j = 0; j < 6; j++) Assert.Equal(ma[i, j], mb[i, j], 1e-13);
        }
    }

    // The run is composed at the particle's momentum instead of tracked piece by piece; the pieces'
    // own maps, applied one after another, are the truth it must reproduce, Jacobian included. The
    // profile has a field reversal, a zero-field gap and a near-zero piece (the small-angle branch).
    [Fact]
    public void ProfiledSolenoidEqualsItsPiecesTrackedOneByOne()
    {
        Solenoid[] pieces =
        [
            new("p1", 0.013, 0.2), new("p2", 0.05, 3.9), new("p3", 0.02, 7.5), new("p4", 0.07, 7.8),
            new("p5", 0.01, 0), new("p6", 0.03, 1e-7), new("p7", 0.04, -5.1), new("p8", 0.011, -0.4),
        ];
        var run = new ProfiledSolenoid("run", pieces);
        var coordinate = Gen.Double[-3e-3, 3e-3];
        Gen.Select(coordinate, coordinate, coordinate, coordinate, Gen.Double[-3e-2, 3e-2], coordinate)
            .Sample((x, px, y, py, d, ct) =>
            {
                double[] a = [x, px, y, py, d, ct], b = [x, px, y, py, d, ct];
                var ma = Tracker.TrackWithJacobian(pieces, a, Context);
                var mb = Tracker.TrackWithJacobian([run], b, Context);
                for (int i = 0; i < 6; i++)
                {
                    if (Math.Abs(a[i] - b[i]) > 1e-15) return false;
                    for (int j = 0; j < 6; j++)
                        if (Math.Abs(ma[i, j] - mb[i, j]) > 1e-12 * (1 + Math.Abs(ma[i, j]))) return false;
                }
                double[] c = [x, px, y, py, d, ct];
                Tracker.Track([run], c, Context);
                return c.Zip(b).All(v => Math.Abs(v.First - v.Second) < 1e-16);
            }, iter: 300);
    }
}
