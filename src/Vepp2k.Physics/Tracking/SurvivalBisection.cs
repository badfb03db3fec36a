namespace Vepp2k.Physics.Tracking;

/// <summary>
/// The survival boundary of many one-parameter launches at once, by bisection: at each step every
/// launch is tried at the middle of its bracket, all as one tracked beam. Step 0 tries the largest
/// value itself, so a launch that survives it has its boundary at (or beyond) the scan's end.
/// Survival is assumed monotonic in the parameter, as in MAD-X's and SixTrack's scans.
/// </summary>
public static class SurvivalBisection
{
    /// <param name="launch">Phase-space start of launch k at parameter value a (written into the span).</param>
    /// <returns>Per launch the largest value that survived and the bracket left around the boundary.</returns>
    public static (double[] Survived, double[] Resolution) Run(RingTracker tracker, int count, Action<int, double, double[]> launch,
        double max, int steps, int turns, IProgress<int>? progress, CancellationToken cancel)
    {
        var low = new double[count];
        var high = Enumerable.Repeat(max, count).ToArray();
        var z = new double[6];
        for (int step = 0; step <= steps; step++)
        {
            var beam = new ParticleBuffer(count);
            var trial = new double[count];
            for (int k = 0; k < count; k++)
            {
                trial[k] = step == 0 ? high[k] : (low[k] + high[k]) / 2;
                launch(k, trial[k], z);
                beam.Set(k, z);
            }
            tracker.Track(beam, turns, progress: ProgressOffset.For(progress, step * count), cancel: cancel);
            for (int k = 0; k < count; k++)
            {
                if (beam.IsAlive(k)) low[k] = trial[k];
                else high[k] = trial[k];
            }
        }
        return (low, high.Zip(low, (h, l) => h - l).ToArray());
    }
}
