using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// The time-averaged amplitude distribution of a tracked beam, Lifetrac's way of seeing far tails (D. Shatilov,
/// Part. Accel. 52 (1996) 65): each particle's amplitude in every normal mode of a reference Gaussian (the
/// no-collision equilibrium, <see cref="BeamTails"/>), in units of that mode's rms, is counted at every snapshot,
/// so N particles over T snapshots give N T samples of the equilibrium and the distribution is seen down to
/// about 1/(N T) instead of 1/N. Samples of one particle a few turns apart are correlated (its amplitude changes
/// over a damping time), so the statistical weight of a count is that of N T / (turns per damping time) samples.
/// The amplitudes are reported in units of the beam's own rms averaged over all the samples (mean A^2 = 2 in every
/// mode, as for a Gaussian): a reference taken from one snapshot would carry that snapshot's sampling error, a few
/// per cent in the emittance, and so shift the far tail by e^(x dA/A) (a factor e^3 at 10 rms).
/// </summary>
public sealed class TailDensity
{
    /// <summary>Spacing of the amplitudes the fractions are reported at, in rms units.</summary>
    public const double Step = 0.25;

    /// <summary>The largest amplitude reported.</summary>
    public const double Reach = 20;

    // Counting bins, finer than the report so that rescaling to the averaged rms interpolates little.
    internal const double Bin = 0.02;
    internal const double CountReach = 30;

    private readonly BeamTails modes;
    private readonly double[] orbit;
    private readonly long[][] counts;
    private readonly double[] squares;

    /// <param name="reference">The beam matrix amplitudes are measured in (engine order).</param>
    /// <param name="orbit">The beam's centre: the closed orbit.</param>
    public TailDensity(Matrix6 reference, IReadOnlyList<double> orbit)
    {
        modes = new BeamTails(reference);
        this.orbit = [.. orbit];
        int bins = (int)Math.Round(CountReach / Bin) + 1;
        counts = [.. modes.Emittances.Select(_ => new long[bins])];
        squares = new double[counts.Length];
    }

    /// <summary>The beam's mode emittances (x-like, y-like, then longitudinal) [m], averaged over the samples.</summary>
    public IReadOnlyList<double> Emittances => [.. modes.Emittances.Select((e, m) => e * Scale(m) * Scale(m))];

    // The rms unit of mode m against the reference's: sqrt(mean A^2 / 2).
    private double Scale(int m) => Samples == 0 ? 1 : Math.Sqrt(squares[m] / Samples / 2);

    /// <summary>Particle snapshots counted.</summary>
    public long Samples { get; private set; }

    /// <summary>Counts every surviving particle of the beam once.</summary>
    public void Add(ParticleBuffer beam)
    {
        Span<double> z = stackalloc double[6];
        for (int i = 0; i < beam.Count; i++)
        {
            if (!beam.IsAlive(i)) continue;
            beam.Get(i, z);
            for (int k = 0; k < 6; k++) z[k] -= orbit[k];
            var a = modes.Amplitudes(z);
            for (int m = 0; m < a.Length; m++)
            {
                counts[m][Math.Min(counts[m].Length - 1, (int)(a[m] / Bin))]++;
                squares[m] += a[m] * a[m];
            }
            Samples++;
        }
    }

    /// <summary>The amplitudes [rms] the fractions are given at: 0, Step, 2 Step, ... Reach.</summary>
    public double[] Thresholds => ReportedAmplitudes();

    /// <summary>The amplitudes [rms] tail fractions are reported at: 0, Step, 2 Step, ... Reach.</summary>
    internal static double[] ReportedAmplitudes() => [.. Enumerable.Range(0, (int)Math.Round(Reach / Step) + 1).Select(b => b * Step)];

    /// <summary>The fraction of samples beyond each threshold (in the averaged rms), per mode: [mode][threshold].</summary>
    public double[][] FractionBeyond()
    {
        var thresholds = Thresholds;
        var result = new double[counts.Length][];
        for (int m = 0; m < counts.Length; m++)
        {
            // beyond[b]: samples at or above b Bin in the reference's units (bin b holds [b Bin, (b + 1) Bin)).
            var beyond = new long[counts[m].Length + 1];
            for (int b = counts[m].Length - 1; b >= 0; b--) beyond[b] = beyond[b + 1] + counts[m][b];
            double scale = Scale(m);
            result[m] = [.. thresholds.Select(a =>
            {
                // The threshold in the reference's units, between two bin edges: linear between their counts.
                double edge = a * scale / Bin;
                int b = Math.Min((int)edge, counts[m].Length - 1);
                double f = Math.Min(1, edge - b);
                double n = beyond[b] + f * (beyond[b + 1] - beyond[b]);
                return Samples == 0 ? 0 : n / Samples;
            })];
        }
        return result;
    }
}
