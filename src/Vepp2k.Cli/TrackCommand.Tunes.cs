using System.CommandLine;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Cli;

/// <summary>vepp2k track fma, footprint and qdelta: tunes of tracked particles by NAFF.</summary>
public static partial class TrackCommand
{
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
            common.Write(parse, "x_m,y_m,q1,q2,q1_late,q2_late,diffusion,survived",
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
            common.Write(parse, "delta,q1,q2", curve.Select(p => string.Create(C, $"{p.Delta:R},{p.Q1:R},{p.Q2:R}")));
            if (parse.GetValue(common.Plot) is { } plot) TrackPlot.MomentumCurve(curve, plot, $"Q(delta), {name}");
        }));
        return command;
    }

    // A fractional-tune difference taken the short way round the unit circle.
    private static double Unwrap(double dq) => dq - Math.Round(dq);
}
