using System.CommandLine;
using System.Globalization;
using Vepp2k.MadX;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k beambeam scan | merge: weak-strong runs over a list of bunch currents, whole, one shard of them
/// (--shard k/n, one task of a cluster's job array) or as local child processes (--jobs N), and the merge
/// of the shards' files.
/// </summary>
public static class BeamBeamScanCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Scan()
    {
        var lattice = new Option<string?>("--lattice") { Description = "MAD-X file (default: the embedded VEPP-2000 ring)" };
        var mode = new Option<string?>("--mode") { Description = "embedded mode: " + string.Join(", ", Machine.Modes.All.Select(m => m.Name)) };
        var energy = new Option<double?>("--energy") { Description = "beam energy [GeV]" };
        var ips = new Option<string>("--ips") { Description = "interaction points (markers), comma-separated; sizes and luminosity are taken at the first", DefaultValueFactory = _ => "SND,CMD" };
        var currents = new Option<string>("--currents") { Description = "currents of the strong bunch [mA], comma-separated: one point each", Required = true };
        var turns = new Option<int>("--turns") { Description = "turns of the weak beam with radiation and collisions", DefaultValueFactory = _ => 30_000 };
        var particles = new Option<int>("--particles") { Description = "macroparticles of the weak beam", DefaultValueFactory = _ => 1000 };
        var slices = new Option<int>("--slices") { Description = "equal-charge slices of the strong bunch", DefaultValueFactory = _ => 7 };
        var tuneTurns = PhysicsOptions.TuneTurns();
        var vertical = new Option<double>("--vertical-emittance") { Description = "vertical emittance [m] added to both beams", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the scan; each point's seed is derived from it and the point's index", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0: all cores; with --jobs, shared among the jobs)", DefaultValueFactory = _ => 0 };
        var acceleration = PhysicsOptions.DampingAcceleration();
        var model = PhysicsOptions.Model();
        var samples = PhysicsOptions.Samples();
        var interval = PhysicsOptions.SampleInterval();
        var iterations = PhysicsOptions.Iterations();
        var q1 = new Option<string?>("--q1") { Description = "fractional tunes of mode 1, comma-separated: with --q2, a working-point grid of the linear model" };
        var q2 = new Option<string?>("--q2") { Description = "fractional tunes of mode 2, comma-separated (with --q1)" };
        var shard = new Option<string?>("--shard") { Description = "k/n: run only the points whose index is k modulo n (k = 0 .. n-1), as one task of a job array" };
        var jobs = new Option<int>("--jobs") { Description = "run the scan as this many local child processes (one shard each) and merge them", DefaultValueFactory = _ => 0 };
        var output = new Option<string>("--out") { Description = "result file (CSV with the scan's header)", Required = true };
        var parquet = new Option<string?>("--parquet") { Description = "also write the result table as Parquet" };
        var command = new Command("scan", "weak-strong runs over the strong bunch's current (and the linear model's working point): equilibrium sizes, luminosity, xi_L; shardable")
            { lattice, mode, energy, ips, currents, turns, particles, slices, tuneTurns, vertical, seed, acceleration, model, samples, interval, iterations, q1, q2, threads, shard, jobs, output, parquet };
        command.SetAction(parse =>
        {
            try
            {
                var list = Numbers(parse.GetValue(currents))!;
                var (tunes1, tunes2) = (Numbers(parse.GetValue(q1)), Numbers(parse.GetValue(q2)));
                if ((tunes1 is null) != (tunes2 is null)) throw new ArgumentException("a working-point grid needs both --q1 and --q2");
                if (tunes1 is not null && parse.GetValue(model) != BeamBeamModel.Linear)
                    throw new ArgumentException("a working-point grid (--q1, --q2) needs --model linear");
                if (tunes1 is not null && tunes1.Concat(tunes2!).Any(q => !(q > 0 && q < 1)))
                    throw new ArgumentException("--q1 and --q2 are fractional tunes, between 0 and 1");
                var settings = new ScanSettings(parse.GetValue(lattice), parse.GetValue(mode), parse.GetValue(energy), parse.GetValue(ips)!, list,
                    parse.GetValue(turns), parse.GetValue(particles), parse.GetValue(slices), parse.GetValue(tuneTurns),
                    parse.GetValue(vertical), parse.GetValue(seed), PhysicsOptions.Acceleration(parse.GetValue(acceleration)), parse.GetValue(model),
                    parse.GetValue(samples), parse.GetValue(interval), tunes1, tunes2, parse.GetValue(iterations));
                if (settings.Points == 0 || list.Any(c => !(c > 0))) throw new ArgumentException("--currents must list positive currents");
                if (settings.Particles < 2 || settings.Turns < 1 || settings.Slices < 1 || settings.TuneTurns < 64
                    || settings.Samples < 1 || settings.SampleInterval < 1 || settings.Iterations < 0)
                    throw new ArgumentException("--particles must be at least 2, --turns, --slices, --samples and --sample-interval at least 1, --tune-turns at least 64, --iterations not negative");
                int n = parse.GetValue(jobs);
                string file = parse.GetValue(output)!;
                if (n > 0)
                {
                    if (parse.GetValue(shard) is not null) throw new ArgumentException("--jobs runs every shard itself: give --jobs or --shard, not both");
                    int cores = parse.GetValue(threads) is > 0 and var t ? t : Environment.ProcessorCount;
                    var directory = Directory.CreateDirectory(file + ".shards").FullName;
                    ScanJobs.Run(settings, n, Math.Max(1, cores / n), directory, file);
                    if (parse.GetValue(parquet) is { } merged) ScanFile.WriteParquet(file, merged);
                    Console.WriteLine($"scan {settings.Id}: {settings.Points} points in {n} processes, merged into {file}");
                    return 0;
                }
                var (k, of) = ParseShard(parse.GetValue(shard));
                RunShard(settings, k, of, parse.GetValue(threads), file);
                if (parse.GetValue(parquet) is { } table) ScanFile.WriteParquet(file, table);
                return 0;
            }
            catch (Exception e) when (e is OpticsException or MadxException or ArgumentException or IOException or FormatException)
            {
                Console.Error.WriteLine($"vepp2k beambeam scan: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    public static Command Merge()
    {
        var files = new Argument<string[]>("files") { Description = "the shards' result files", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "merged result file", Required = true };
        var command = new Command("merge", "combine the result files of a scan's shards (refuses other scans, duplicate and missing points)") { files, output };
        command.SetAction(parse =>
        {
            try
            {
                ScanFile.Merge(parse.GetValue(files)!, parse.GetValue(output)!);
                Console.WriteLine($"merged {parse.GetValue(files)!.Length} files into {parse.GetValue(output)}");
                return 0;
            }
            catch (Exception e) when (e is IOException or FormatException or ArgumentException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"vepp2k beambeam merge: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static List<double>? Numbers(string? text) => text?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(c => double.Parse(c, NumberStyles.Float, C)).ToList();

    private static (int K, int N) ParseShard(string? text)
    {
        if (text is null) return (0, 1);
        var parts = text.Split('/');
        if (parts.Length == 2 && int.TryParse(parts[0], NumberStyles.None, C, out int k) && int.TryParse(parts[1], NumberStyles.None, C, out int n)
            && n > 0 && k < n)
            return (k, n);
        throw new ArgumentException($"--shard must be k/n with 0 <= k < n (got '{text}')");
    }

    private static void RunShard(ScanSettings settings, int k, int n, int threads, string file)
    {
        var source = OpticsSource.Resolve(settings.Lattice, null, settings.Mode, settings.Energy);
        foreach (var w in source.Warnings) Console.Error.WriteLine($"warning: {w}");
        var names = settings.Ips.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var rows = new List<string>();
        for (int i = k; i < settings.Points; i += n)
        {
            var options = settings.PointOptions(i, threads);
            var r = TrackProgress.Run($"point {i + 1}/{settings.Points}", settings.Particles, progress => WeakStrong.Run(source.Lattice, names, options, progress));
            rows.Add(ScanFile.Row(i, settings, source.Lattice, r));
            Console.WriteLine(string.Create(C, $"point {i}: {settings.CurrentMa(i):G4} mA, Q {r.BareTunes[0]:F4} / {r.BareTunes[1]:F4}, xi {r.Ips[0].XiX:F5}, sigma_x {r.TrackedSizes[0] * 1e6:F2} um, sigma_y {r.TrackedSizes[1] * 1e6:F2} um, L {r.TrackedLuminosity * 1e-4:E3} cm^-2 s^-1"));
        }
        ScanFile.Write(file, settings, n == 1 ? "all" : $"{k}/{n}", rows);
    }
}
