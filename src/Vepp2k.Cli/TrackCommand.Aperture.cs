using System.CommandLine;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Cli;

/// <summary>vepp2k track da and acceptance: survival boundaries by bisection.</summary>
public static partial class TrackCommand
{
    private static Command Aperture()
    {
        var common = Common.Create(1000);
        var rays = new Option<int>("--rays") { Description = "rays in [0, pi/2] of the x-y plane", DefaultValueFactory = _ => 11 };
        var deltas = new Option<string>("--deltas") { Description = "momentum offsets, comma-separated", DefaultValueFactory = _ => "0" };
        var max = new Option<double?>("--max-amplitude") { Description = "largest amplitude tried [m] (default: the aperture)" };
        var steps = new Option<int>("--steps") { Description = "bisection steps (resolution max/2^steps)", DefaultValueFactory = _ => 10 };
        var grid = new Option<double?>("--grid-step")
        {
            Description = "scan a fixed grid of amplitudes of this step [m] up to the largest instead of bisecting: "
                + "the boundary is the largest grid amplitude up to which every point survives (as MAD-X and pyAT scans are read)",
        };
        var noRf = new Option<bool>("--no-rf") { Description = "cavities off: 4-D at fixed delta, as the peer comparison tracks" };
        var command = new Command("da", "dynamic aperture: survival boundary along rays in x-y, by bisection or on a grid") { rays, deltas, max, steps, grid, noRf };
        common.AddTo(command);
        command.SetAction(parse => Guarded("da", () =>
        {
            var (lattice, name) = common.Ring(parse);
            var options = common.Options(parse);
            // Without RF and with radiation the energy would only fall; the 4-D scan is for the lossless ring.
            if (parse.GetValue(noRf) && options.Radiation) throw new ArgumentException("--no-rf tracks the 4-D ring; drop --radiation");
            var ring = parse.GetValue(noRf) ? lattice.WithoutCavities() : lattice;
            int turns = common.TurnCount(parse), n = Math.Max(1, parse.GetValue(rays)), bisections = Math.Max(1, parse.GetValue(steps));
            double[] offsets = [.. parse.GetValue(deltas)!.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => double.Parse(d, C))];
            double amplitude = parse.GetValue(max) ?? Math.Min(options.ApertureX, options.ApertureY);
            var result = parse.GetValue(grid) is { } step
                ? TrackProgress.Run("dynamic aperture", (long)n * offsets.Length * DynamicAperture.GridPoints(step, amplitude), progress =>
                    DynamicAperture.Grid(ring, options, turns, n, offsets, step, amplitude, progress))
                : TrackProgress.Run("dynamic aperture", (long)n * offsets.Length * (bisections + 1), progress =>
                    DynamicAperture.Compute(ring, options, turns, n, offsets, amplitude, bisections, progress));
            Console.WriteLine($"dynamic aperture of {name} over {turns} turns{(options.Radiation ? " with radiation" : "")}{(ring != lattice ? ", RF off" : "")}:");
            Console.WriteLine("  angle[deg]     delta     x[mm]     y[mm]  amplitude[mm]  +-[mm]");
            foreach (var r in result)
                Console.WriteLine(string.Create(C, $"  {r.Angle * 180 / Math.PI,10:F1} {r.Delta,9:G3} {r.X * 1e3,9:F3} {r.Y * 1e3,9:F3} {r.Amplitude * 1e3,14:F3} {r.Resolution * 1e3,7:F3}"));
            common.Write(parse, "angle_rad,delta,x_m,y_m,amplitude_m,resolution_m",
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
            common.Write(parse, "negative,positive,resolution", [string.Create(C, $"{negative:R},{positive:R},{resolution:R}")]);
        }));
        return command;
    }
}
