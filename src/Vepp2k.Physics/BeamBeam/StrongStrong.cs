using System.Collections.Concurrent;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>How a strong-strong run computes each bunch's field on the other.</summary>
public enum StrongStrongField
{
    /// <summary>A Gaussian with the source bunch's centroid and rms sizes, recomputed every turn.</summary>
    SoftGaussian,

    /// <summary>The source bunch's own charge on a grid (<see cref="ParticleInCellField"/>).</summary>
    ParticleInCell,
}

/// <summary>
/// The settings of a transverse strong-strong run: two equal round-beam bunches of macroparticles that
/// meet once a turn at an IP with beta* <see cref="Beta"/> in both planes, a linear ring between
/// (fractional tunes <see cref="TuneX"/>, <see cref="TuneY"/>) and the nominal beam-beam parameter
/// <see cref="Xi"/> (the small-amplitude tune shift one bunch gives a particle of the other), thin (bunch
/// length much below beta*). Each bunch starts Gaussian with emittance <see cref="Emittance"/>; the first
/// bunch's centroid is displaced by <see cref="Offset"/> rms sizes and the second's is not, so that the sigma
/// and the pi mode start with equal amplitudes (an antisymmetric start leaves the sigma mode to sampling noise,
/// and NAFF then finds it anywhere).
/// </summary>
public sealed record StrongStrongOptions(
    double Xi,
    double TuneX = 0.13,
    double TuneY = 0.18,
    double Beta = 0.1,
    double Emittance = 1e-7,
    int Particles = 20_000,
    int Turns = 2048,
    StrongStrongField Field = StrongStrongField.ParticleInCell,
    double Offset = 0.1,
    int GridCells = 128,
    double GridCellsPerSigma = 8,
    ulong Seed = 1,
    int Threads = 0);

/// <summary>Centroid histories of the two bunches [m, rad] at the IP, one entry per turn, after the collision.</summary>
public sealed record StrongStrongResult(StrongStrongOptions Options, double[][] X, double[][] Px, double[][] Y, double[][] Py)
{
    /// <summary>
    /// The fractional tunes of the sigma mode (the bunches' centroids moving together: their sum) and the pi
    /// mode (against each other: their difference) in one plane, by NAFF of the normalised centroid signal.
    /// </summary>
    public (double Sigma, double Pi) ModeTunes(bool horizontal)
    {
        var (u, p) = horizontal ? (X, Px) : (Y, Py);
        double root = Math.Sqrt(Options.Beta);
        int turns = u[0].Length;
        double[] su = new double[turns], sp = new double[turns], du = new double[turns], dp = new double[turns];
        for (int t = 0; t < turns; t++)
        {
            su[t] = (u[0][t] + u[1][t]) / root; sp[t] = (p[0][t] + p[1][t]) * root;
            du[t] = (u[0][t] - u[1][t]) / root; dp[t] = (p[0][t] - p[1][t]) * root;
        }
        return (Naff.Tune(su, sp), Naff.Tune(du, dp));
    }

    /// <summary>
    /// Amplitude spectra (Hann window) of the sigma and pi signals in one plane, at the tunes
    /// k / turns for k below turns / 2: what a tune meter on the sum and difference of two pickups shows.
    /// </summary>
    public (double[] Tune, double[] Sigma, double[] Pi) Spectra(bool horizontal)
    {
        var (u, p) = horizontal ? (X, Px) : (Y, Py);
        double root = Math.Sqrt(Options.Beta);
        int n = 1;
        while (n * 2 <= u[0].Length) n *= 2;
        var sum = new System.Numerics.Complex[n];
        var difference = new System.Numerics.Complex[n];
        for (int t = 0; t < n; t++)
        {
            double w = 1 - Math.Cos(2 * Math.PI * t / n);
            sum[t] = w * new System.Numerics.Complex((u[0][t] + u[1][t]) / root, -(p[0][t] + p[1][t]) * root);
            difference[t] = w * new System.Numerics.Complex((u[0][t] - u[1][t]) / root, -(p[0][t] - p[1][t]) * root);
        }
        Fft.Forward(sum);
        Fft.Forward(difference);
        // z = u - i p turns as e^{+2 pi i Q t}, which the forward transform finds at k = Q n (as NAFF does).
        var tune = new double[n / 2];
        var sigma = new double[n / 2];
        var pi = new double[n / 2];
        for (int k = 0; k < n / 2; k++)
        {
            tune[k] = (double)k / n;
            sigma[k] = sum[k].Magnitude / n;
            pi[k] = difference[k].Magnitude / n;
        }
        return (tune, sigma, pi);
    }
}

/// <summary>
/// Strong-strong beam-beam in 4-D: both bunches are macroparticles and each is kicked by the field of the
/// other as it is that turn, so coherent motion (the sigma and pi dipole modes, beam-physics.md section 3.5)
/// appears, which weak-strong cannot give. Kick: dp = -(8 pi xi eps) F(r - source), F the field of
/// <see cref="GaussianField"/> for unit line density; at small amplitude F = r/(2 sigma^2), a thin lens of
/// 1/f = 4 pi xi / beta, the tune shift xi. Opposite charges: the force attracts.
/// </summary>
public static class StrongStrong
{
    public static StrongStrongResult Run(StrongStrongOptions o, IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (!(o.Xi > 0) || !(o.Beta > 0) || !(o.Emittance > 0) || o.Particles < 100 || o.Turns < 16)
            throw new ArgumentException("strong-strong: xi, beta and emittance must be positive, with at least 100 particles and 16 turns");
        double sigma = Math.Sqrt(o.Emittance * o.Beta);
        var bunches = new[] { Bunch.Gaussian(o, sigma, 1, 0), Bunch.Gaussian(o, sigma, 0, 1) };
        var fields = new[] { FieldOf(o, sigma), FieldOf(o, sigma) };
        var rings = new[] { new LinearTurn(o.TuneX, o.Beta), new LinearTurn(o.TuneY, o.Beta) };
        double strength = 8 * Math.PI * o.Xi * o.Emittance;
        var history = new[] { new double[4][], new double[4][] };
        for (int b = 0; b < 2; b++)
            for (int c = 0; c < 4; c++) history[b][c] = new double[o.Turns];
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = o.Threads > 0 ? o.Threads : Environment.ProcessorCount, CancellationToken = cancel };

        for (int t = 0; t < o.Turns; t++)
        {
            cancel.ThrowIfCancellationRequested();
            // Both fields from the bunches as they arrive, then both kicks: the collision is simultaneous.
            for (int b = 0; b < 2; b++) fields[b].Solve(bunches[b]);
            for (int b = 0; b < 2; b++)
            {
                var target = bunches[b];
                var source = fields[1 - b];
                Parallel.ForEach(Partitioner.Create(0, o.Particles), parallel, range =>
                {
                    for (int k = range.Item1; k < range.Item2; k++)
                    {
                        var (fx, fy) = source.At(target.X[k], target.Y[k]);
                        target.Px[k] -= strength * fx;
                        target.Py[k] -= strength * fy;
                    }
                });
            }
            for (int b = 0; b < 2; b++)
            {
                var bunch = bunches[b];
                history[b][0][t] = Mean(bunch.X); history[b][1][t] = Mean(bunch.Px);
                history[b][2][t] = Mean(bunch.Y); history[b][3][t] = Mean(bunch.Py);
                rings[0].Apply(bunch.X, bunch.Px);
                rings[1].Apply(bunch.Y, bunch.Py);
            }
            if ((t & 15) == 15) progress?.Report(t + 1);
        }
        return new StrongStrongResult(o,
            [history[0][0], history[1][0]], [history[0][1], history[1][1]],
            [history[0][2], history[1][2]], [history[0][3], history[1][3]]);
    }

    private static ISourceField FieldOf(StrongStrongOptions o, double sigma) => o.Field switch
    {
        StrongStrongField.SoftGaussian => new SoftGaussianSource(),
        StrongStrongField.ParticleInCell => new GridSource(new ParticleInCellField(o.GridCells, sigma / o.GridCellsPerSigma)),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Field, "unknown strong-strong field model"),
    };

    private static double Mean(double[] a)
    {
        double sum = 0;
        foreach (double v in a) sum += v;
        return sum / a.Length;
    }

    private sealed class Bunch(double[] x, double[] px, double[] y, double[] py)
    {
        public double[] X { get; } = x;
        public double[] Px { get; } = px;
        public double[] Y { get; } = y;
        public double[] Py { get; } = py;

        // Gaussian in each plane at an IP with alpha = 0; the centroid displaced by sign * offset sigma in x and y.
        public static Bunch Gaussian(StrongStrongOptions o, double sigma, int sign, int index)
        {
            // Seeded by value (HashCode.Combine is salted per process), so a run is the same in every process.
            var random = new Random((int)((o.Seed * 2 + (ulong)index) % int.MaxValue));
            double sigmaP = sigma / o.Beta, shift = sign * o.Offset * sigma;
            var b = new Bunch(new double[o.Particles], new double[o.Particles], new double[o.Particles], new double[o.Particles]);
            for (int k = 0; k < o.Particles; k++)
            {
                b.X[k] = shift + sigma * Normal(random);
                b.Px[k] = sigmaP * Normal(random);
                b.Y[k] = shift + sigma * Normal(random);
                b.Py[k] = sigmaP * Normal(random);
            }
            return b;
        }

        private static double Normal(Random r) => Math.Sqrt(-2 * Math.Log(1 - r.NextDouble())) * Math.Cos(2 * Math.PI * r.NextDouble());
    }

    private interface ISourceField
    {
        void Solve(Bunch bunch);
        (double Fx, double Fy) At(double x, double y);
    }

    private sealed class SoftGaussianSource : ISourceField
    {
        private double cx, cy, vx, vy;

        public void Solve(Bunch bunch)
        {
            cx = Mean(bunch.X);
            cy = Mean(bunch.Y);
            vx = Variance(bunch.X, cx);
            vy = Variance(bunch.Y, cy);
        }

        public (double Fx, double Fy) At(double x, double y)
        {
            var f = GaussianField.Evaluate(x - cx, y - cy, vx, vy);
            return (f.Fx, f.Fy);
        }

        private static double Variance(double[] a, double mean)
        {
            double sum = 0;
            foreach (double v in a) sum += (v - mean) * (v - mean);
            return sum / a.Length;
        }
    }

    private sealed class GridSource(ParticleInCellField grid) : ISourceField
    {
        public void Solve(Bunch bunch) => grid.Solve(bunch.X, bunch.Y);

        public (double Fx, double Fy) At(double x, double y) => grid.At(x, y);
    }

    // One turn of an uncoupled linear ring seen from the IP (alpha = 0): a rotation by 2 pi Q in (u, beta u').
    private sealed class LinearTurn(double tune, double beta)
    {
        private readonly double c = Math.Cos(2 * Math.PI * tune), s = Math.Sin(2 * Math.PI * tune);

        public void Apply(double[] u, double[] p)
        {
            for (int k = 0; k < u.Length; k++)
            {
                double u0 = u[k], p0 = p[k];
                u[k] = c * u0 + beta * s * p0;
                p[k] = c * p0 - s / beta * u0;
            }
        }
    }
}
