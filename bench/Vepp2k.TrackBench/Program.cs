using System.Diagnostics;
using System.Globalization;
using Vepp2k.Machine;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Tracking;

// Particle-turns per second of the SIMD ring tracker (docs/benchmarks.md):
//   dotnet run -c Release --project bench/Vepp2k.TrackBench -- [mode|file.madx] [particles] [turns] [threads...]
//   dotnet run -c Release --project bench/Vepp2k.TrackBench -- [mode|file.madx] --flops   (operations per particle-turn, 4-D)
// A MAD-X file is read with the line named like the file (bench/rings/fodo90.madx: line fodo90).
// Each configuration is run once to warm up (JIT, caches), then timed over three runs; the best is kept.
var c = CultureInfo.InvariantCulture;
string mode = args.Length > 0 ? args[0] : "design-1GeV";
bool flops = args.Contains("--flops");
int particles = args.Length > 1 && !flops ? int.Parse(args[1], c) : 256;
int turns = args.Length > 2 ? int.Parse(args[2], c) : 1000;
int[] threads = args.Length > 3 ? [.. args.Skip(3).Select(a => int.Parse(a, c))] : [1, 2];
var ring = mode.EndsWith(".madx", StringComparison.OrdinalIgnoreCase)
    ? OpticsSource.Resolve(mode, Path.GetFileNameWithoutExtension(mode), null, null).Lattice
    : Modes.Load(mode).Lattice;
if (flops)
{
    FlopCount.Report(ring.WithoutCavities());
    return;
}
Console.WriteLine($"{mode}: {ring.Elements.Count} elements, {particles} particles x {turns} turns, {Environment.ProcessorCount} cores");

// The reference a new user would write: one particle at a time through the scalar Tracker, one thread.
{
    var context = new TrackContext(ring.EnergyEv, false);
    double best = double.MaxValue;
    int n = Math.Min(particles, 32);
    for (int run = 0; run < 4; run++)
    {
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < n; i++)
        {
            double[] z = [1e-4 * (i % 16), 0, 1e-4 * (i / 16 % 16), 0, 0, 0];
            for (int t = 0; t < turns; t++) Tracker.Track(ring.Elements, z, context);
        }
        if (run > 0) best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    Console.WriteLine(string.Create(c, $"{"scalar Tracker loop",-20} steps={ring.Elements.Count,4} threads=1: {n * (double)turns / best:E3} particle-turns/s"));
}
// 4-D (cavities off, delta fixed), 6-D (RF), 6-D with classical and quantum radiation.
foreach (var (name, lattice, radiation) in new[] { ("4-D, no RF", ring.WithoutCavities(), false), ("6-D, RF", ring, false), ("6-D, RF + radiation", ring, true) })
    foreach (int n in threads)
    {
        var tracker = new RingTracker(lattice, new TrackingOptions(Radiation: radiation, QuantumExcitation: radiation, Threads: n));
        double best = double.MaxValue;
        for (int run = 0; run < 4; run++)
        {
            var beam = new ParticleBuffer(particles);
            for (int i = 0; i < particles; i++) beam.Set(i, [1e-4 * (i % 16), 0, 1e-4 * (i / 16 % 16), 0, 0, 0]);
            var clock = Stopwatch.StartNew();
            tracker.Track(beam, turns);
            if (run > 0) best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        double rate = (double)particles * turns / best;
        Console.WriteLine(string.Create(c,
            $"{name,-20} steps={tracker.Elements.Count,4} threads={n}: {rate:E3} particle-turns/s ({rate * tracker.Elements.Count:E3} element-passes/s)"));
    }
