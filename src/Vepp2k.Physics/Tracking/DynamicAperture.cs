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
/// Dynamic aperture: along rays at angles in [0, pi/2] of the x-y plane, from the closed orbit at
/// each momentum offset, the amplitude that survives the given turns, found by bisection (all rays
/// are bisected together, one tracked beam per step). Survival is assumed monotonic along a ray,
/// as in MAD-X's and SixTrack's scans; islands of stability beyond the boundary are not looked for.
/// </summary>
public static class DynamicAperture
{
    public static ApertureRay[] Compute(Lattice lattice, TrackingOptions options, int turns, int rays, IReadOnlyList<double> deltas,
        double maxAmplitude, int steps, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var tracker = new RingTracker(lattice, options);
        var starts = deltas.Select(d => StartOrbit(lattice, tracker, d)).ToArray();
        int count = rays * deltas.Count;
        var low = new double[count];
        var high = Enumerable.Repeat(maxAmplitude, count).ToArray();
        double Angle(int k) => rays == 1 ? 0 : Math.PI / 2 * (k % rays) / (rays - 1);
        int done = 0;
        // Step 0 tries the largest amplitude itself: a ray that survives it has its boundary beyond the scan.
        for (int step = 0; step <= steps; step++)
        {
            var beam = new ParticleBuffer(count);
            var trial = new double[count];
            for (int k = 0; k < count; k++)
            {
                trial[k] = step == 0 ? high[k] : (low[k] + high[k]) / 2;
                var z = (double[])starts[k / rays].Clone();
                z[0] += trial[k] * Math.Cos(Angle(k));
                z[2] += trial[k] * Math.Sin(Angle(k));
                beam.Set(k, z);
            }
            int before = done;
            tracker.Track(beam, turns, progress: progress is null ? null : new Progress<int>(n => progress.Report(before + n)), cancel: cancel);
            done += count;
            for (int k = 0; k < count; k++)
            {
                if (beam.IsAlive(k)) low[k] = trial[k];
                else high[k] = trial[k];
            }
        }
        return Enumerable.Range(0, count)
            .Select(k => new ApertureRay(Angle(k), deltas[k / rays], low[k], high[k] - low[k])).ToArray();
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
