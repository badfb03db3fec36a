using System.CommandLine;
using System.Globalization;
using Vepp2k.MadX;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Cli;

/// <summary>vepp2k track da|fma|footprint|equilibrium: multi-turn tracking studies of a ring.</summary>
public static class TrackCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    // Options every study shares.
    private sealed record Common(
        Option<string?> Lattice, Option<string?> Line, Option<string?> Mode, Option<double?> Energy,
        Option<int> Turns, Option<ulong> Seed, Option<int> Threads, Option<bool> Radiation, Option<double> Aperture,
        Option<string?> Csv, Option<string?> Plot, Option<string> Direction)
    {
        public static Common Create(int turns) => new(
            new Option<string?>("--lattice") { Description = "MAD-X file (default: the embedded VEPP-2000 ring)" },
            new Option<string?>("--line") { Description = "line or sequence to use (default: the file's USE)" },
            new Option<string?>("--mode") { Description = "embedded mode: " + string.Join(", ", Machine.Modes.All.Select(m => m.Name)) },
            new Option<double?>("--energy") { Description = "beam energy [GeV]" },
            new Option<int>("--turns") { Description = "turns to track", DefaultValueFactory = _ => turns },
            new Option<ulong>("--seed") { Description = "seed of the quantum-excitation kicks", DefaultValueFactory = _ => 1 },
            new Option<int>("--threads") { Description = "worker threads (0: all cores)", DefaultValueFactory = _ => 0 },
            new Option<bool>("--radiation") { Description = "classical damping and quantum excitation in the bends" },
            new Option<double>("--aperture") { Description = "half-aperture in x and y [m] beyond which a particle is lost; the lattices carry none, the default is the dipoles' 40 mm gap and (probably) the quadrupoles' 40 mm bore", DefaultValueFactory = _ => 0.02 },
            new Option<string?>("--csv") { Description = "write the results as CSV" },
            new Option<string?>("--plot") { Description = "plot the results (.png or .svg)" },
            new Option<string>("--direction")
            {
                Description = "e-: the ring as written; e+: the counter-rotating beam (reversed ring, solenoids seen backwards)",
                DefaultValueFactory = _ => "e-",
            }.AcceptOnlyFromAmong("e-", "e+"));

        public void AddTo(Command command, bool plot = true)
        {
            foreach (Option o in new Option[] { Lattice, Line, Mode, Energy, Direction, Turns, Seed, Threads, Radiation, Aperture, Csv }) command.Options.Add(o);
            if (plot) command.Options.Add(Plot);
        }

        public (Lattice Lattice, string Name) Ring(ParseResult parse)
        {
            var source = OpticsSource.Resolve(parse.GetValue(Lattice), parse.GetValue(Line), parse.GetValue(Mode), parse.GetValue(Energy));
            foreach (var w in source.Warnings) Console.Error.WriteLine($"warning: {w}");
            string name = source.Mode ?? source.Lattice.Name;
            return parse.GetValue(Direction) == "e+" ? (source.Lattice.Reversed(), name + " (e+)") : (source.Lattice, name);
        }

        public TrackingOptions Options(ParseResult parse)
        {
            bool radiation = parse.GetValue(Radiation);
            double aperture = parse.GetValue(Aperture);
            if (!(aperture > 0)) throw new ArgumentException("--aperture must be positive");
            return new TrackingOptions(radiation, radiation, aperture, aperture, parse.GetValue(Seed), parse.GetValue(Threads));
        }

        public int TurnCount(ParseResult parse) =>
            parse.GetValue(Turns) is var n and > 0 ? n : throw new ArgumentException("--turns must be positive");
    }

    public static Command Create()
    {
        var command = new Command("track", "multi-turn tracking studies: dynamic aperture, frequency map, tune footprint, equilibrium beam");
        command.Subcommands.Add(Aperture());
        command.Subcommands.Add(Acceptance());
        command.Subcommands.Add(FrequencyMapCommand("fma", "frequency map: NAFF tunes on two halves of the run, diffusion index", twoWindows: true));
        command.Subcommands.Add(FrequencyMapCommand("footprint", "tune footprint: mode tunes over a grid of launch amplitudes", twoWindows: false));
        command.Subcommands.Add(MomentumCurve());
        command.Subcommands.Add(Equilibrium());
        return command;
    }

    private static Command Aperture()
    {
        var common = Common.Create(1000);
        var rays = new Option<int>("--rays") { Description = "rays in [0, pi/2] of the x-y plane", DefaultValueFactory = _ => 11 };
        var deltas = new Option<string>("--deltas") { Description = "momentum offsets, comma-separated", DefaultValueFactory = _ => "0" };
        var max = new Option<double?>("--max-amplitude") { Description = "largest amplitude tried [m] (default: the aperture)" };
        var steps = new Option<int>("--steps") { Description = "bisection steps (resolution max/2^steps)", DefaultValueFactory = _ => 10 };
        var command = new Command("da", "dynamic aperture: survival boundary along rays in x-y, by bisection") { rays, deltas, max, steps };
        common.AddTo(command);
        command.SetAction(parse => Guarded("da", () =>
        {
            var (lattice, name) = common.Ring(parse);
            var options = common.Options(parse);
            int turns = common.TurnCount(parse), n = Math.Max(1, parse.GetValue(rays)), bisections = Math.Max(1, parse.GetValue(steps));
            double[] offsets = [.. parse.GetValue(deltas)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => double.Parse(d, C))];
            double amplitude = parse.GetValue(max) ?? Math.Min(options.ApertureX, options.ApertureY);
            var result = TrackProgress.Run("dynamic aperture", (long)n * offsets.Length * (bisections + 1), progress =>
                DynamicAperture.Compute(lattice, options, turns, n, offsets, amplitude, bisections, progress));
            Console.WriteLine($"dynamic aperture of {name} over {turns} turns{(options.Radiation ? " with radiation" : "")}:");
            Console.WriteLine("  angle[deg]     delta     x[mm]     y[mm]  amplitude[mm]  +-[mm]");
            foreach (var r in result)
                Console.WriteLine(string.Create(C, $"  {r.Angle * 180 / Math.PI,10:F1} {r.Delta,9:G3} {r.X * 1e3,9:F3} {r.Y * 1e3,9:F3} {r.Amplitude * 1e3,14:F3} {r.Resolution * 1e3,7:F3}"));
            if (parse.GetValue(common.Csv) is { } csv)
                WriteCsv(csv, "angle_rad,delta,x_m,y_m,amplitude_m,resolution_m",
                    result.Select(r => string.Create(C, $"{r.Angle:R},{r.Delta:R},{r.X:R},{r.Y:R},{r.Amplitude:R},{r.Resolution:R}")));
            if (parse.GetValue(common.Plot) is { } plot)
                TrackPlot.DynamicAperture(result, plot, $"Dynamic aperture, {name}, {turns} turns");
        }));
        return command;
    }

    private static Command Acceptance()
    {
        var common = Common.Create(1000);
        var max = new Option<double>("--max-delta") { Description = "largest momentum offset tried", DefaultValueFactory = _ => 0.05 };
        var steps = new Option<int>("--steps") { Description = "bisection steps (resolution max/2^steps)", DefaultValueFactory = _ => 10 };
        var command = new Command("acceptance",
            "momentum acceptance at the ring's start: the largest delta offset, either side, a particle on the closed orbit survives "
            + "(without --radiation only transverse losses count: outside the RF bucket a particle circulates in phase, it is not lost)") { max, steps };
        common.AddTo(command, plot: false);
        command.SetAction(parse => Guarded("acceptance", () =>
        {
            var (lattice, name) = common.Ring(parse);
            var options = common.Options(parse);
            int turns = common.TurnCount(parse), bisections = Math.Max(1, parse.GetValue(steps));
            var (negative, positive, resolution) = TrackProgress.Run("momentum acceptance", 2L * (bisections + 1), progress =>
                DynamicAperture.MomentumAcceptance(lattice, options, turns, parse.GetValue(max), bisections, progress));
            Console.WriteLine(string.Create(C,
                $"momentum acceptance of {name} over {turns} turns{(options.Radiation ? " with radiation" : "")}: {negative:G4} .. {positive:G4} (+-{resolution:G2})"));
            if (parse.GetValue(common.Csv) is { } csv)
                WriteCsv(csv, "negative,positive,resolution", [string.Create(C, $"{negative:R},{positive:R},{resolution:R}")]);
        }));
        return command;
    }

    private static Command FrequencyMapCommand(string verb, string description, bool twoWindows)
    {
        var common = Common.Create(1024);
        var grid = new Option<int>("--grid") { Description = "launch points per plane (grid x grid particles)", DefaultValueFactory = _ => 20 };
        var maxX = new Option<double>("--max-x") { Description = "largest launch amplitude in x [m]", DefaultValueFactory = _ => 0.01 };
        var maxY = new Option<double>("--max-y") { Description = "largest launch amplitude in y [m]", DefaultValueFactory = _ => 0.01 };
        var amplitudePlot = new Option<string?>("--amplitude-plot") { Description = "fma: also plot the map in amplitude space (.png or .svg)" };
        var command = new Command(verb, description) { grid, maxX, maxY };
        if (twoWindows) command.Options.Add(amplitudePlot);
        common.AddTo(command);
        command.SetAction(parse => Guarded(verb, () =>
        {
            var (lattice, name) = common.Ring(parse);
            var options = common.Options(parse);
            if (options.Radiation) throw new ArgumentException($"{verb} analyses the 4-D tunes without RF and radiation; drop --radiation");
            int turns = common.TurnCount(parse), n = Math.Max(1, parse.GetValue(grid));
            var points = TrackProgress.Run(verb, (long)n * n, progress =>
                FrequencyMap.Compute(lattice, parse.GetValue(maxX), parse.GetValue(maxY), n, turns, twoWindows, options, progress));
            int lost = points.Count(p => !p.Survived);
            Console.WriteLine($"{verb} of {name}: {n} x {n} particles, {(twoWindows ? $"2 x {turns}" : turns.ToString(C))} turns, {lost} lost");
            var live = points.Where(p => p.Survived).ToArray();
            var q1 = live.Select(p => p.Q1).Where(double.IsFinite).ToArray();
            var q2 = live.Select(p => p.Q2).Where(double.IsFinite).ToArray();
            if (q1.Length > 0 && q2.Length > 0)
            {
                Console.WriteLine(string.Create(C, $"  Q1 from {q1.Min():F5} to {q1.Max():F5}, Q2 from {q2.Min():F5} to {q2.Max():F5}"));
                if (twoWindows)
                {
                    var d = live.Select(p => p.Diffusion).Where(double.IsFinite).ToArray();
                    if (d.Length > 0) Console.WriteLine(string.Create(C, $"  diffusion log10|dQ|: median {d.Order().ElementAt(d.Length / 2):F2}, worst {d.Max():F2}"));
                }
            }
            if (parse.GetValue(common.Csv) is { } csv)
                WriteCsv(csv, "x_m,y_m,q1,q2,q1_late,q2_late,diffusion,survived",
                    points.Select(p => string.Create(C, $"{p.X:R},{p.Y:R},{p.Q1:R},{p.Q2:R},{p.Q1Late:R},{p.Q2Late:R},{p.Diffusion:R},{(p.Survived ? 1 : 0)}")));
            if (parse.GetValue(common.Plot) is { } plot)
                TrackPlot.TuneMap(points, plot, $"{(twoWindows ? "Frequency map" : "Tune footprint")}, {name}", twoWindows);
            if (twoWindows && parse.GetValue(amplitudePlot) is { } ap)
                TrackPlot.AmplitudeMap(points, ap, $"Frequency map in amplitude space, {name}");
        }));
        return command;
    }

    private static Command MomentumCurve()
    {
        var common = Common.Create(1024);
        var max = new Option<double>("--delta-max") { Description = "largest momentum offset either side", DefaultValueFactory = _ => 0.01 };
        var points = new Option<int>("--points") { Description = "offsets from -max to +max", DefaultValueFactory = _ => 21 };
        var command = new Command("qdelta", "Q(delta): tracked mode tunes against the momentum offset (4-D), its slope beside the optics' chromaticity") { max, points };
        common.AddTo(command);
        command.SetAction(parse => Guarded("qdelta", () =>
        {
            var (lattice, name) = common.Ring(parse);
            var options = common.Options(parse);
            if (options.Radiation) throw new ArgumentException("qdelta analyses the 4-D tunes at fixed delta; drop --radiation");
            int turns = common.TurnCount(parse), n = Math.Max(3, parse.GetValue(points));
            double top = parse.GetValue(max);
            double[] deltas = [.. Enumerable.Range(0, n).Select(i => top * (2.0 * i / (n - 1) - 1))];
            var curve = TrackProgress.Run("Q(delta)", n, progress => MomentumTunes.Compute(lattice, deltas, turns, options, progress));
            var linear = Physics.Optics.LinearOptics.Compute(lattice);
            var xi = Physics.Optics.Chromaticity.Compute(lattice, linear.Modes, linear.Dispersion0);
            Console.WriteLine($"Q(delta) of {name}, {turns} turns per point:");
            Console.WriteLine("      delta         Q1         Q2");
            foreach (var p in curve) Console.WriteLine(string.Create(C, $"  {p.Delta,9:G4} {p.Q1,10:F6} {p.Q2,10:F6}"));
            var middle = curve.OrderBy(p => Math.Abs(p.Delta)).Take(3).OrderBy(p => p.Delta).ToArray();
            double h = middle[2].Delta - middle[0].Delta;
            Console.WriteLine(string.Create(C,
                $"  slope at 0 (central difference): {Unwrap(middle[2].Q1 - middle[0].Q1) / h:F3} {Unwrap(middle[2].Q2 - middle[0].Q2) / h:F3}; optics chromaticity {xi[0]:F3} {xi[1]:F3}"));
            if (parse.GetValue(common.Csv) is { } csv)
                WriteCsv(csv, "delta,q1,q2", curve.Select(p => string.Create(C, $"{p.Delta:R},{p.Q1:R},{p.Q2:R}")));
            if (parse.GetValue(common.Plot) is { } plot) TrackPlot.MomentumCurve(curve, plot, $"Q(delta), {name}");
        }));
        return command;
    }

    // A fractional-tune difference taken the short way round the unit circle.
    private static double Unwrap(double dq) => dq - Math.Round(dq);

    private static Command Equilibrium()
    {
        var common = Common.Create(100_000);
        var particles = new Option<int>("--particles") { Description = "particles tracked", DefaultValueFactory = _ => 1000 };
        var snapshots = new Option<int>("--snapshots") { Description = "snapshots of the beam pooled into the moments, one damping time apart after --turns", DefaultValueFactory = _ => 1 };
        var command = new Command("equilibrium", "equilibrium beam with radiation: rms sizes and emittances of a tracked beam beside the envelope") { particles, snapshots };
        common.AddTo(command, plot: false);
        command.SetAction(parse => Guarded("equilibrium", () =>
        {
            var (lattice, name) = common.Ring(parse);
            var options = common.Options(parse);
            int turns = common.TurnCount(parse), n = Math.Max(2, parse.GetValue(particles));
            int samples = Math.Max(1, parse.GetValue(snapshots));
            // The spacing needs the damping time before tracking: the envelope is cheap (milliseconds).
            double dampingTurns = 1 / Physics.Radiation.Envelope.Compute(lattice, options.RadiationSliceLength).Decrements.Min();
            var r = TrackProgress.Run("equilibrium", (long)n * samples, progress =>
                EquilibriumBeam.Compute(lattice, options, n, turns, samples, (int)Math.Ceiling(dampingTurns), progress));
            var e = r.Envelope;
            Console.WriteLine(string.Create(C, $"equilibrium of {name}: {r.Survivors} of {n} particles after {r.Turns} turns ({turns / dampingTurns:F1} of the slowest damping times before the first of {samples} snapshots)"));
            Console.WriteLine(string.Create(C, $"  variance statistical error ~ {r.VarianceError * 100:F1} %"));
            Console.WriteLine("  quantity                tracked      envelope");
            void Row(string what, double tracked, double envelope) =>
                Console.WriteLine(string.Create(C, $"  {what,-20} {tracked,12:G5} {envelope,12:G5}"));
            Row("sigma_x [m]", r.SigmaX, Math.Sqrt(e.Sigma[0, 0]));
            Row("sigma_y [m]", r.SigmaY, Math.Sqrt(e.Sigma[2, 2]));
            Row("sigma_delta", r.EnergySpread, e.EnergySpread);
            Row("sigma_ct [m]", r.BunchLength, e.BunchLength);
            var envelopeEmittances = e.Emittances.OrderDescending().ToArray();
            for (int k = 0; k < 3; k++) Row($"eigen-emittance {k + 1}", r.EigenEmittances[k], envelopeEmittances[k]);
            if (parse.GetValue(common.Csv) is { } csv)
                WriteCsv(csv, "quantity,tracked,envelope", [
                    string.Create(C, $"sigma_x_m,{r.SigmaX:R},{Math.Sqrt(e.Sigma[0, 0]):R}"),
                    string.Create(C, $"sigma_y_m,{r.SigmaY:R},{Math.Sqrt(e.Sigma[2, 2]):R}"),
                    string.Create(C, $"sigma_delta,{r.EnergySpread:R},{e.EnergySpread:R}"),
                    string.Create(C, $"sigma_ct_m,{r.BunchLength:R},{e.BunchLength:R}"),
                    .. Enumerable.Range(0, 3).Select(k => string.Create(C, $"eigen_emittance_{k + 1},{r.EigenEmittances[k]:R},{envelopeEmittances[k]:R}")),
                ]);
        }));
        return command;
    }

    private static void WriteCsv(string path, string header, IEnumerable<string> rows) => File.WriteAllLines(path, [header, .. rows]);

    private static int Guarded(string verb, Action action)
    {
        try
        {
            action();
            return 0;
        }
        catch (Exception e) when (e is OpticsException or MadxException or ArgumentException or IOException or FormatException)
        {
            Console.Error.WriteLine($"vepp2k track {verb}: {e.Message}");
            return 2;
        }
    }
}
