using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tracking;

/// <summary>The survival boundary along one ray: the largest amplitude [m] found to survive, and where that is in x, y.</summary>
public sealed record ApertureRay(double Angle, double Delta, double Amplitude, double Resolution)
{
    public double X => Amplitude * Math.Cos(Angle);
    public double Y => Amplitude * Math.Sin(Angle);
}

/// <summary>
/// Dynamic aperture and momentum acceptance at the ring's start, by <see cref="SurvivalBisection"/>
/// (the aperture also on a fixed amplitude grid, <see cref="Grid"/>): along rays at angles in
/// [0, pi/2] of the x-y plane from the closed orbit at each momentum offset; and the largest
/// momentum offset, either side, that a particle on the closed orbit survives (a Touschek-scattered
/// particle: x and px unchanged, delta changed). Islands of stability beyond a boundary are not
/// looked for.
/// </summary>
public static class DynamicAperture
{
    public static ApertureRay[] Compute(Lattice lattice, TrackingOptions options, int turns, int rays, IReadOnlyList<double> deltas,
        double maxAmplitude, int steps, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var tracker = new RingTracker(lattice, options);
        var launch = RayLaunch(lattice, tracker, rays, deltas);
        var (survived, resolution) = SurvivalBisection.Run(tracker, rays * deltas.Count, launch, maxAmplitude, steps, turns, progress, cancel);
        return Enumerable.Range(0, survived.Length)
            .Select(k => new ApertureRay(RayAngle(k, rays), deltas[k / rays], survived[k], resolution[k])).ToArray();
    }

    /// <summary>
    /// The same rays scanned on a fixed grid of amplitudes step, 2 step, ... up to maxAmplitude, all
    /// points tracked as one beam; a ray's boundary is the largest grid amplitude up to which every
    /// point survives (0 when the first is lost), its resolution the step. This is how MAD-X and pyAT
    /// DA scans are usually read, so it compares with theirs point for point (docs/tracking.md).
    /// </summary>
    public static ApertureRay[] Grid(Lattice lattice, TrackingOptions options, int turns, int rays, IReadOnlyList<double> deltas,
        double step, double maxAmplitude, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        int points = GridPoints(step, maxAmplitude);
        var tracker = new RingTracker(lattice, options);
        var launch = RayLaunch(lattice, tracker, rays, deltas);
        int launches = rays * deltas.Count;
        var beam = new ParticleBuffer(launches * points);
        var z = new double[6];
        for (int i = 0; i < launches * points; i++)
        {
            launch(i / points, step * (i % points + 1), z);
            beam.Set(i, z);
        }
        tracker.Track(beam, turns, progress: progress, cancel: cancel);
        return Enumerable.Range(0, launches).Select(k =>
        {
            int survived = Enumerable.Range(0, points).TakeWhile(j => beam.IsAlive(k * points + j)).Count();
            return new ApertureRay(RayAngle(k, rays), deltas[k / rays], step * survived, step);
        }).ToArray();
    }

    /// <summary>Grid amplitudes per ray: step, 2 step, ... up to maxAmplitude.</summary>
    public static int GridPoints(double step, double maxAmplitude)
    {
        if (!(step > 0) || !(maxAmplitude >= step)) throw new ArgumentException("the grid needs 0 < step <= largest amplitude");
        // The tolerance keeps a max that is a whole number of steps on the grid despite rounding.
        return (int)Math.Floor(maxAmplitude / step * (1 + 1e-12));
    }

    // Launch k (ray k % rays at momentum offset k / rays) at amplitude a from that offset's start orbit.
    private static Action<int, double, double[]> RayLaunch(Lattice lattice, RingTracker tracker, int rays, IReadOnlyList<double> deltas)
    {
        var starts = deltas.Select(d => StartOrbit(lattice, tracker, d)).ToArray();
        return (k, a, z) =>
        {
            starts[k / rays].CopyTo(z, 0);
            z[0] += a * Math.Cos(RayAngle(k, rays));
            z[2] += a * Math.Sin(RayAngle(k, rays));
        };
    }

    private static double RayAngle(int k, int rays) => rays == 1 ? 0 : Math.PI / 2 * (k % rays) / (rays - 1);

    /// <summary>The momentum acceptance (negative side as a negative number, positive side) and the bisection's resolution.</summary>
    public static (double Negative, double Positive, double Resolution) MomentumAcceptance(Lattice lattice, TrackingOptions options,
        int turns, double maxDelta, int steps, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var tracker = new RingTracker(lattice, options);
        var start = StartOrbit(lattice, tracker, 0);
        var (survived, resolution) = SurvivalBisection.Run(tracker, 2, (k, a, z) =>
        {
            start.CopyTo(z, 0);
            z[4] += k == 0 ? -a : a;
        }, maxDelta, steps, turns, progress, cancel);
        return (-survived[0], survived[1], resolution.Max());
    }

    // The closed orbit at the momentum offset (4-D, on the ring without radiation), plus with
    // radiation the 6-D radiative orbit's offset from the design, since that is where the beam lives.
    private static double[] StartOrbit(Lattice lattice, RingTracker tracker, double delta)
    {
        var plain = new TrackContext(lattice.EnergyEv, false);
        var orbit = ClosedOrbit.Find4D(lattice.Elements, delta, plain);
        orbit[4] = delta;
        if (!tracker.Options.Radiation) return orbit;
        var radiative = Radiation.Envelope.Compute(lattice, tracker.Options.RadiationSliceLength).ClosedOrbit;
        var design = ClosedOrbit.Find4D(lattice.Elements, 0, plain);
        for (int i = 0; i < 6; i++) orbit[i] += radiative[i] - (i < 4 ? design[i] : 0);
        return orbit;
    }
}
