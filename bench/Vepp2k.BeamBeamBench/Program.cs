using System.Diagnostics;
using System.Globalization;
using Vepp2k.Machine;
using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Radiation;
using Vepp2k.Physics.Tracking;

// Cost of the weak-strong beam-beam kick (docs/benchmarks.md, docs/beambeam.md):
//   dotnet run -c Release --project bench/Vepp2k.BeamBeamBench -- [mode] [particles] [turns] [threads] [slices...]
// 1. the synchro-beam kick alone, round (the design's strong bunch) and flat (sigma_x = 4 sigma_y), per slice count;
// 2. the ring (6-D, RF, radiation) with collisions at SND and CMD per slice count, beside the ring without;
// 3. the same with the fast model (LinearRing: one linear map per half ring) instead of the elements.
// Each configuration is first run for at least a second (tiered JIT reaches its optimised code only
// after many calls: a single warm-up run left the first configurations at a fifth of their speed),
// then three timed runs; the best is kept.
var c = CultureInfo.InvariantCulture;
string mode = args.Length > 0 ? args[0] : "design-1GeV";
int particles = args.Length > 1 ? int.Parse(args[1], c) : 256;
int turns = args.Length > 2 ? int.Parse(args[2], c) : 200;
int threads = args.Length > 3 ? int.Parse(args[3], c) : 1;
int[] slices = args.Length > 4 ? [.. args.Skip(4).Select(a => int.Parse(a, c))] : [1, 3, 5, 7, 11, 15, 21];
var ring = Modes.Load(mode).Lattice;
double population = GaussianBunch.PopulationFromCurrent(0.1, ring.RevolutionFrequency);
var envelope = Envelope.Compute(ring);
var strong = Collisions.FromEnvelope(envelope, population);
var flat = strong with { X = strong.X with { Variance = 4 * strong.X.Variance }, Y = strong.Y with { Variance = strong.Y.Variance / 4 } };
Console.WriteLine($"{mode}: {particles} particles, {turns} turns, {threads} thread(s), strong bunch 100 mA, {Environment.ProcessorCount} cores");

double Best(Action run)
{
    var warm = Stopwatch.StartNew();
    while (warm.Elapsed.TotalSeconds < 1) run();
    double best = double.MaxValue;
    for (int k = 0; k < 3; k++)
    {
        var clock = Stopwatch.StartNew();
        run();
        best = Math.Min(best, clock.Elapsed.TotalSeconds);
    }
    return best;
}

var random = new Random(1);
var points = Enumerable.Range(0, 4096).Select(_ => new[]
{
    Math.Sqrt(strong.X.Variance) * (2 * random.NextDouble() - 1) * 3, 0, Math.Sqrt(strong.Y.Variance) * (2 * random.NextDouble() - 1) * 3, 0, 0,
    strong.CenterCt + strong.SigmaZ * (2 * random.NextDouble() - 1) * 2,
}).ToArray();
foreach (var (name, bunch) in new[] { ("round", strong), ("flat", flat) })
    foreach (int n in slices)
    {
        var kick = new SynchroBeamKick(bunch, n, ring.Gamma);
        var z = new double[6];
        double seconds = Best(() =>
        {
            foreach (var p in points)
            {
                p.CopyTo(z, 0);
                kick.Apply(z);
            }
        });
        Console.WriteLine(string.Create(c, $"kick {name,-5} slices={n,2}: {points.Length / seconds:E3} particle-kicks/s, {points.Length * n / seconds:E3} slice-kicks/s"));
    }

var options = new TrackingOptions(Radiation: true, QuantumExcitation: true, Threads: threads);
ParticleBuffer Beam()
{
    var beam = new ParticleBuffer(particles);
    for (int i = 0; i < particles; i++) beam.Set(i, [1e-4 * (i % 16 - 8), 0, 1e-4 * (i / 16 % 16 - 8), 0, 0, strong.CenterCt]);
    return beam;
}
{
    var tracker = new RingTracker(ring, options);
    double seconds = Best(() => tracker.Track(Beam(), turns));
    Console.WriteLine(string.Create(c, $"ring, no collisions       : {particles * (double)turns / seconds:E3} particle-turns/s"));
}
foreach (int n in slices)
{
    var kicks = new Dictionary<string, SynchroBeamKick> { ["SND"] = new(strong, n, ring.Gamma), ["CMD"] = new(strong, n, ring.Gamma) };
    var tracker = new RingTracker(Collisions.WithKicks(ring, kicks), options);
    double seconds = Best(() => tracker.Track(Beam(), turns));
    Console.WriteLine(string.Create(c, $"ring, 2 IPs, slices={n,2}   : {particles * (double)turns / seconds:E3} particle-turns/s"));
}
var linear = LinearRing.Build(ring, ["SND", "CMD"], envelope, 0.1);
foreach (int n in slices)
{
    var kicks = new Dictionary<string, SynchroBeamKick> { ["SND"] = new(strong, n, ring.Gamma), ["CMD"] = new(strong, n, ring.Gamma) };
    var tracker = new RingTracker(Collisions.WithKicks(linear, kicks), options);
    double seconds = Best(() => tracker.Track(Beam(), turns * 20));
    Console.WriteLine(string.Create(c, $"linear model, slices={n,2} : {particles * (double)turns * 20 / seconds:E3} particle-turns/s"));
}
