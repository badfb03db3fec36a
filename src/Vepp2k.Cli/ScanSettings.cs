using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>
/// Everything that decides a weak-strong scan's numbers: the ring, the physics options and the list of
/// points. Its canonical text (<see cref="Identity"/>) and the hash of it (<see cref="Id"/>) head every
/// result file, so that merge can tell shards of one scan from shards of another; the thread count and
/// the shard are left out because the numbers do not depend on them. The points are the currents times,
/// when <see cref="Q1"/> and <see cref="Q2"/> are given (the linear model's working-point grid), every pair of
/// mode tunes: point = (q1 index x Q2 count + q2 index) x current count + current index.
/// </summary>
public sealed record ScanSettings(
    string? Lattice, string? Mode, double? Energy, string Ips, IReadOnlyList<double> CurrentsMa,
    int Turns, int Particles, int Slices, int TuneTurns, double VerticalEmittance, ulong Seed, double DampingAcceleration, BeamBeamModel Model,
    int Samples, int SampleInterval, IReadOnlyList<double>? Q1 = null, IReadOnlyList<double>? Q2 = null, int Iterations = 0)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public int Points => CurrentsMa.Count * (Q1?.Count ?? 1) * (Q2?.Count ?? 1);

    public double CurrentMa(int index) => CurrentsMa[index % CurrentsMa.Count];

    /// <summary>The mode tunes of point <paramref name="index"/>, or null without a working-point grid.</summary>
    public double[]? Tunes(int index)
    {
        if (Q1 is null || Q2 is null) return null;
        int pair = index / CurrentsMa.Count;
        return [Q1[pair / Q2.Count], Q2[pair % Q2.Count]];
    }

    private static string List(IReadOnlyList<double>? values) => values is null ? "" : string.Join(' ', values.Select(c => c.ToString("R", C)));

    public string Identity() => string.Join(';', (string[])[
        $"lattice={(Lattice is null ? "" : Path.GetFullPath(Lattice))}", $"mode={Mode}", $"energy={Energy?.ToString("R", C)}",
        $"ips={Ips}", $"currents_mA={string.Join(' ', CurrentsMa.Select(c => c.ToString("R", C)))}",
        $"turns={Turns}", $"particles={Particles}", $"slices={Slices}", $"tune_turns={TuneTurns}",
        $"vertical_emittance={VerticalEmittance.ToString("R", C)}", $"seed={Seed}",
        $"damping_acceleration={DampingAcceleration.ToString("R", C)}", $"model={Model.ToString().ToLowerInvariant()}",
        $"samples={Samples}", $"sample_interval={SampleInterval}", $"q1={List(Q1)}", $"q2={List(Q2)}",
        // Only where set, so that the files of scans made before quasi-strong-strong keep their ids.
        .. (Iterations > 0 ? new[] { $"iterations={Iterations}" } : [])]);

    public string Id => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Identity())))[..16];

    /// <summary>
    /// The seed of point <paramref name="index"/>: a function of the scan's seed and the point alone (one
    /// SplitMix64 step), so a point gives the same beam whichever shard or process runs it.
    /// </summary>
    public ulong PointSeed(int index)
    {
        unchecked
        {
            ulong z = Seed + 0x9E3779B97F4A7C15UL * (ulong)(index + 1);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public WeakStrongOptions PointOptions(int index, int threads) =>
        new(CurrentMa(index) * 1e-3, Particles, Turns, Slices, TuneTurns, PointSeed(index), threads, VerticalEmittance: VerticalEmittance,
            DampingAcceleration: DampingAcceleration, Model: Model, Samples: Samples, SampleInterval: SampleInterval, Tunes: Tunes(index),
            Iterations: Iterations);

    /// <summary>The scan command's arguments that reproduce these settings (for the child processes of --jobs).</summary>
    public IEnumerable<string> Arguments()
    {
        if (Lattice is not null) { yield return "--lattice"; yield return Path.GetFullPath(Lattice); }
        if (Mode is not null) { yield return "--mode"; yield return Mode; }
        if (Energy is { } e) { yield return "--energy"; yield return e.ToString("R", C); }
        yield return "--ips"; yield return Ips;
        yield return "--currents"; yield return string.Join(',', CurrentsMa.Select(c => c.ToString("R", C)));
        yield return "--turns"; yield return Turns.ToString(C);
        yield return "--particles"; yield return Particles.ToString(C);
        yield return "--slices"; yield return Slices.ToString(C);
        yield return "--tune-turns"; yield return TuneTurns.ToString(C);
        yield return "--vertical-emittance"; yield return VerticalEmittance.ToString("R", C);
        yield return "--seed"; yield return Seed.ToString(C);
        yield return "--damping-acceleration"; yield return DampingAcceleration.ToString("R", C);
        yield return "--model"; yield return Model.ToString().ToLowerInvariant();
        yield return "--samples"; yield return Samples.ToString(C);
        yield return "--sample-interval"; yield return SampleInterval.ToString(C);
        if (Q1 is not null) { yield return "--q1"; yield return string.Join(',', Q1.Select(q => q.ToString("R", C))); }
        if (Q2 is not null) { yield return "--q2"; yield return string.Join(',', Q2.Select(q => q.ToString("R", C))); }
        yield return "--iterations"; yield return Iterations.ToString(C);
    }
}
