using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tracking;

/// <summary>One launch point of a frequency map: amplitudes [m] from the closed orbit, mode tunes, diffusion.</summary>
public sealed record FrequencyMapPoint(double X, double Y, double Q1, double Q2, double Q1Late, double Q2Late, bool Survived)
{
    /// <summary>log10 of the tune change between the two halves (Laskar's diffusion index); NaN with one window or a lost particle.</summary>
    public double Diffusion => Math.Log10(Math.Sqrt((Q1Late - Q1) * (Q1Late - Q1) + (Q2Late - Q2) * (Q2Late - Q2)));
}

/// <summary>
/// Frequency map analysis (Laskar, Robin, PAC 1993; Papaphilippou, Chaos 24, 024412, 2014) and tune
/// footprint on a grid of launch amplitudes in x and y: each particle is tracked without RF (delta
/// fixed, the 4-D tunes), its mode tunes found by NAFF on the first and, for the map, the second
/// half of the run; a tune that moves between the halves marks chaotic motion.
/// </summary>
public static class FrequencyMap
{
    /// <param name="turns">Turns per analysis window; the map tracks two windows.</param>
    public static FrequencyMapPoint[] Compute(Lattice lattice, double maxX, double maxY, int grid, int turns, bool twoWindows,
        TrackingOptions options, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        var ring = lattice.WithoutCavities();
        var context = new TrackContext(ring.EnergyEv, false);
        var orbit = ClosedOrbit.Find4D(ring.Elements, 0, context);
        var tunes = new ModeTunes(LinearOptics.Compute(ring).Modes, orbit);
        var tracker = new RingTracker(ring, options with { Radiation = false, QuantumExcitation = false });
        int count = grid * grid, total = twoWindows ? 2 * turns : turns;
        var beam = new ParticleBuffer(count);
        for (int i = 0; i < grid; i++)
            for (int j = 0; j < grid; j++)
                beam.Set(i * grid + j, [orbit[0] + maxX * (i + 1) / grid, orbit[1], orbit[2] + maxY * (j + 1) / grid, orbit[3], 0, 0]);
        var record = new TurnRecord(count, total);
        tracker.Track(beam, total, record: record, progress: progress, cancel: cancel);
        var points = new FrequencyMapPoint[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = options.ThreadCount, CancellationToken = cancel }, k =>
        {
            var (q1, q2) = tunes.Of(record, k, 0, turns);
            var (l1, l2) = twoWindows ? tunes.Of(record, k, turns, turns) : (double.NaN, double.NaN);
            points[k] = new FrequencyMapPoint(maxX * (k / grid + 1) / grid, maxY * (k % grid + 1) / grid, q1, q2, l1, l2, beam.IsAlive(k));
        });
        return points;
    }
}
