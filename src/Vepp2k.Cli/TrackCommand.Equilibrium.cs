using System.CommandLine;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Cli;

/// <summary>vepp2k track equilibrium: a tracked beam with radiation beside the envelope.</summary>
public static partial class TrackCommand
{
    private static Command Equilibrium()
    {
        var common = Common.Create(100_000);
        var particles = new Option<int>("--particles") { Description = "particles tracked", DefaultValueFactory = _ => 1000 };
        var snapshots = new Option<int>("--snapshots") { Description = "snapshots of the beam pooled into the moments, one damping time apart after --turns", DefaultValueFactory = _ => 1 };
        var command = new Command("equilibrium", "equilibrium beam with radiation: rms sizes, emittances and tails of a tracked beam beside the envelope") { particles, snapshots };
        common.AddTo(command);
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
            Console.WriteLine("  tails: fraction of the samples beyond A rms in each mode of the envelope (Gaussian: exp(-A^2/2))");
            Console.WriteLine("  A      " + string.Join(" ", Enumerable.Range(0, r.FractionBeyond.Length).Select(k => $"mode {k + 1,-7}")) + " Gaussian");
            for (int t = 0; t < r.TailAmplitudes.Count; t++)
                Console.WriteLine(string.Create(C, $"  {r.TailAmplitudes[t],-6:F0} ") + string.Join(" ", r.FractionBeyond.Select(m => string.Create(C, $"{m[t],-12:E3}")))
                    + string.Create(C, $" {BeamTails.GaussianBeyond(r.TailAmplitudes[t]):E3}"));
            if (parse.GetValue(common.Plot) is { } plot) TrackPlot.Tails(r, plot, $"tails of the tracked equilibrium, {name}");
            common.Write(parse, "quantity,tracked,envelope", [
                    string.Create(C, $"sigma_x_m,{r.SigmaX:R},{Math.Sqrt(e.Sigma[0, 0]):R}"),
                    string.Create(C, $"sigma_y_m,{r.SigmaY:R},{Math.Sqrt(e.Sigma[2, 2]):R}"),
                    string.Create(C, $"sigma_delta,{r.EnergySpread:R},{e.EnergySpread:R}"),
                    string.Create(C, $"sigma_ct_m,{r.BunchLength:R},{e.BunchLength:R}"),
                    .. Enumerable.Range(0, 3).Select(k => string.Create(C, $"eigen_emittance_{k + 1},{r.EigenEmittances[k]:R},{envelopeEmittances[k]:R}")),
                    .. r.FractionBeyond.SelectMany((m, k) => r.TailAmplitudes.Select((a, t) =>
                        string.Create(C, $"fraction_beyond_{a:F0}_sigma_mode_{k + 1},{m[t]:R},{BeamTails.GaussianBeyond(a):R}"))),
                ]);
        }));
        return command;
    }
}
