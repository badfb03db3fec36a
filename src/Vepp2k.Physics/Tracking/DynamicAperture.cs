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
/// Dynamic aperture and momentum acceptance at the ring's start, by <see cref="SurvivalBisection"/>:
/// along rays at angles in [0, pi/2] of the x-y plane from the closed orbit at each momentum offset;
/// and the largest momentum offset, either side, that a particle on the closed orbit survives
/// (a Touschek-scattered particle: x and px unchanged, delta changed). Islands of stability beyond
/// a boundary are not looked for.
/// </summary>
public static class DynamicAperture
{
    public static ApertureRay[] Compute(Lattice lattice, TrackingOptions options, int turns, int rays, IReadOnlyList<double> deltas,
        double maxAmplitude, int steps, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var tracker = new RingTracker(lattice, options);
        var starts = deltas.Select(d => StartOrbit(lattice, tracker, d)).ToArray();
        double Angle(int k) => rays == 1 ? 0 : Math.PI / 2 * (k % rays) / (rays - 1);
        var (survived, resolution) = SurvivalBisection.Run(tracker, rays * deltas.Count, (k, a, z) =>
        {
            starts[k / rays].CopyTo(z, 0);
            z[0] += a * Math.Cos(Angle(k));
            z[2] += a * Math.Sin(Angle(k));
        }, maxAmplitude, steps, turns, progress, cancel);
        return Enumerable.Range(0, survived.Length)
            .Select(k => new ApertureRay(Angle(k), deltas[k / rays], survived[k], resolution[k])).ToArray();
    }

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
