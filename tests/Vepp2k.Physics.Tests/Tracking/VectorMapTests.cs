using System.Runtime.Intrinsics;
using CsCheck;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Tests.Tracking;

/// <summary>The SIMD pass is the scalar pass: the same maps, four particles at a time.</summary>
public class VectorMapTests
{
    private static readonly TrackContext Context = new(1e9, false);

    public static TheoryData<Element> Maps()
    {
        var maps = MapTests.Maps();
        // Focusing right at the series switch (|k| L^2 = 1e-3): particles of different momenta
        // straddle it, which the vector path must handle lane by lane.
        maps.Add(new Quadrupole("qswitch", 0.1, 0.1));
        maps.Add(new Solenoid("sswitch", 0.1, 0.02));
        maps.Add(new RadiationPoint("rad", 0.1, 1 / 1.4, 0.5, 0.1));
        // A VEPP-2000-like coil: 150 one-centimetre pieces up to 13 T at 1 GeV (KS = 3.9 /m), turning
        // the planes by ~1.5 rad; its vector pass uses the Chebyshev series of the composed run.
        maps.Add(Coil());
        return maps;
    }

    private static ProfiledSolenoid Coil() =>
        new("coil", [.. Enumerable.Range(0, 150).Select(i => new Solenoid($"c{i}", 0.01, 3.9 * Math.Sin(Math.PI * (i + 0.5) / 150)))]);

    // Vector256 Sin/Cos and VectorMath may round differently from Math in the last place or two;
    // nothing else differs. The tolerance is absolute: the path length is a difference of O(1 m)
    // quantities (arc minus length), so its rounding is ~1e-16 m whatever its value.
    [Theory]
    [MemberData(nameof(Maps))]
    public void VectorMapEqualsScalarMapPerLane(Element element)
    {
        var context = Context with { Radiation = true };
        var coordinate = Gen.Double[-2e-3, 2e-3];
        var particle = Gen.Select(coordinate, coordinate, coordinate, coordinate, Gen.Double[-1e-2, 1e-2], coordinate)
            .Select((x, px, y, py, d, ct) => new[] { x, px, y, py, d, ct });
        Gen.Select(particle, particle, particle, particle).Sample((a, b, c, d) =>
        {
            double[][] lanes = [a, b, c, d];
            var p = new Phase<Vec4>(Lane(lanes, 0), Lane(lanes, 1), Lane(lanes, 2), Lane(lanes, 3), Lane(lanes, 4), Lane(lanes, 5));
            element.Track(ref p, context);
            for (int lane = 0; lane < 4; lane++)
            {
                var z = (double[])lanes[lane].Clone();
                Tracker.Track([element], z, context);
                double[] v = [p.X[lane], p.Px[lane], p.Y[lane], p.Py[lane], p.Delta[lane], p.Ct[lane]];
                for (int i = 0; i < 6; i++)
                    if (Math.Abs(v[i] - z[i]) > 1e-15) return false;
            }
            return true;
        }, iter: 100);
    }

    // Momenta beyond the series' 5 % range are composed piece by piece, as the scalar pass does.
    [Fact]
    public void ProfiledSolenoidAgreesBeyondItsSeriesRange()
    {
        var coil = Coil();
        double[][] lanes = [[1e-3, 1e-4, -5e-4, 2e-4, 0.08, 0], [2e-3, 0, 1e-3, 0, -0.06, 0], [0, 1e-4, 0, -1e-4, 0.049, 0], [1e-3, 1e-3, 1e-3, 1e-3, 0.2, 0]];
        var p = new Phase<Vec4>(Lane(lanes, 0), Lane(lanes, 1), Lane(lanes, 2), Lane(lanes, 3), Lane(lanes, 4), Lane(lanes, 5));
        coil.Track(ref p, Context);
        for (int lane = 0; lane < 4; lane++)
        {
            var z = (double[])lanes[lane].Clone();
            Tracker.Track([coil], z, Context);
            double[] v = [p.X[lane], p.Px[lane], p.Y[lane], p.Py[lane], p.Delta[lane], p.Ct[lane]];
            for (int i = 0; i < 6; i++) Assert.Equal(z[i], v[i], 1e-15);
        }
    }

    [Fact]
    public void TheNonlinearRingIsLinearlyStable()
    {
        var optics = LinearOptics.Compute(TrackingLattices.Nonlinear());
        Assert.All(optics.FractionalTunes, q => Assert.InRange(q, 0.01, 0.99));
    }

    [Fact]
    public void RingTrackerEqualsScalarTrackerForRandomParticlesOverManyTurns()
    {
        var lattice = TrackingLattices.Nonlinear();
        var tracker = new RingTracker(lattice, new TrackingOptions(ApertureX: 1, ApertureY: 1, Threads: 2));
        var random = new Random(7);
        const int count = 13, turns = 50;   // 13: a partly filled last vector
        var beam = new ParticleBuffer(count);
        var start = new double[count][];
        for (int i = 0; i < count; i++)
        {
            start[i] = [Uniform(random, 2e-3), Uniform(random, 2e-4), Uniform(random, 1e-3), Uniform(random, 1e-4), Uniform(random, 3e-3), Uniform(random, 1e-2)];
            beam.Set(i, start[i]);
        }
        tracker.Track(beam, turns);
        var got = new double[6];
        for (int i = 0; i < count; i++)
        {
            var z = start[i];
            for (int t = 0; t < turns; t++) Tracker.Track(lattice.Elements, z, tracker.Context);
            beam.Get(i, got);
            for (int k = 0; k < 6; k++) Assert.Equal(z[k], got[k], 1e-12);
        }
    }

    [Fact]
    public void TrackedOneTurnMapIsSymplectic()
    {
        var lattice = TrackingLattices.Nonlinear();
        var tracker = new RingTracker(lattice);
        var z = new[] { 2e-3, -1e-4, 1e-3, 2e-4, 2e-3, 1e-3 };
        var m = Tracker.TrackWithJacobian(tracker.Elements, z, tracker.Context);
        Assert.True(m.SymplecticError() < 1e-12, $"symplectic error {m.SymplecticError():E2}");
    }

    [Fact]
    public void ParticlesBeyondTheApertureAreLostWhereTheyCrossIt()
    {
        var lattice = TrackingLattices.Nonlinear();
        var tracker = new RingTracker(lattice, new TrackingOptions(ApertureX: 0.01, ApertureY: 0.01));
        var beam = new ParticleBuffer(3);
        beam.Set(0, [1e-4, 0, 0, 0, 0, 0]);
        beam.Set(1, [0, 0, 0.02, 0, 0, 0]);       // outside already: lost at the first element
        beam.Set(2, [0, 0, double.NaN, 0, 0, 0]);
        tracker.Track(beam, 10);
        Assert.True(beam.IsAlive(0));
        Assert.Equal((0, 0), (beam.LostTurn[1], beam.LostElement[1]));
        Assert.Equal((0, 0), (beam.LostTurn[2], beam.LostElement[2]));
        Assert.Equal(1, beam.AliveCount);
    }

    [Fact]
    public void QuantumKicksDoNotDependOnTheThreadCount()
    {
        var lattice = TestLattices.Ring();
        double[] Run(int threads)
        {
            var tracker = new RingTracker(lattice, new TrackingOptions(Radiation: true, QuantumExcitation: true, Threads: threads, Seed: 42));
            var beam = new ParticleBuffer(16);
            tracker.Track(beam, 5);
            return [.. beam.X.Take(16), .. beam.Delta.Take(16)];
        }
        var one = Run(1);
        Assert.Equal(one, Run(2));
        Assert.True(one.Distinct().Count() > 16, "the kicks differ between particles");
    }

    private static double Uniform(Random random, double half) => (2 * random.NextDouble() - 1) * half;

    private static Vec4 Lane(double[][] lanes, int coordinate) =>
        new(Vector256.Create(lanes[0][coordinate], lanes[1][coordinate], lanes[2][coordinate], lanes[3][coordinate]));
}
