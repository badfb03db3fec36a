using System.CommandLine;
using System.Globalization;
using Vepp2k.MadX;
using Vepp2k.Machine.Reports;
using Vepp2k.Physics;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>vepp2k beambeam weakstrong (the weak beam tracked against rigid strong bunches at the IPs), scan and merge.</summary>
public static class BeamBeamCommand
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static Command Create()
    {
        var command = new Command("beambeam", "beam-beam simulations of the colliding beams");
        command.Subcommands.Add(WeakStrongCommand());
        command.Subcommands.Add(StrongStrongCommand.Create());
        command.Subcommands.Add(BeamBeamScanCommand.Scan());
        command.Subcommands.Add(BeamBeamScanCommand.Merge());
        command.Subcommands.Add(BeamBeamFigure.Create());
        return command;
    }

    private static Command WeakStrongCommand()
    {
        var lattice = new Option<string?>("--lattice") { Description = "MAD-X file (default: the embedded VEPP-2000 ring)" };
        var mode = new Option<string?>("--mode") { Description = "embedded mode: " + string.Join(", ", Machine.Modes.All.Select(m => m.Name)) };
        var energy = new Option<double?>("--energy") { Description = "beam energy [GeV]" };
        var ips = new Option<string>("--ips") { Description = "interaction points (markers), comma-separated; sizes and luminosity are taken at the first", DefaultValueFactory = _ => "SND,CMD" };
        var current = new Option<double>("--current") { Description = "current of the strong bunch [mA]", DefaultValueFactory = _ => 100 };
        var turns = new Option<int>("--turns") { Description = "turns of the weak beam with radiation and collisions", DefaultValueFactory = _ => 30_000 };
        var particles = new Option<int>("--particles") { Description = "macroparticles of the weak beam", DefaultValueFactory = _ => 1000 };
        var slices = new Option<int>("--slices") { Description = "equal-charge slices of the strong bunch", DefaultValueFactory = _ => 7 };
        var vertical = new Option<double>("--vertical-emittance") { Description = "vertical emittance [m] added to both beams, as coupling errors give (an uncoupled ring such as flat-1GeV has none)", DefaultValueFactory = _ => 0 };
        var seed = new Option<ulong>("--seed") { Description = "seed of the initial beam and the quantum-excitation kicks", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "worker threads (0: all cores)", DefaultValueFactory = _ => 0 };
        var acceleration = PhysicsOptions.DampingAcceleration();
        var model = PhysicsOptions.Model();
        var tuneTurns = PhysicsOptions.TuneTurns();
        var tunes = new Option<string?>("--tunes") { Description = "q1,q2: fractional mode tunes of the linear model (a working point other than the lattice's)" };
        var samples = PhysicsOptions.Samples();
        var interval = PhysicsOptions.SampleInterval();
        var iterations = PhysicsOptions.Iterations();
        var tailTurns = new Option<int>("--tail-turns") { Description = "after the snapshots, count the tails over this many turns and estimate the lifetime from them (0: none)", DefaultValueFactory = _ => 0 };
        var tailInterval = new Option<int>("--tail-interval") { Description = "turns between the tails' counts", DefaultValueFactory = _ => 10 };
        var tailExcursions = new Option<int>("--tail-excursions") { Description = "split the far tails to 20 nominal rms with this many excursions per level (after --tail-turns more turns; 0: none)", DefaultValueFactory = _ => 0 };
        var tailSplitFrom = new Option<double?>("--tail-split-from") { Description = "the splitting's first level [nominal rms] (default: 3 of the beam's own rms; past 6, stage 0 alone counts the tail in nominal units)" };
        var tailLevelWeight = new Option<double>("--tail-level-weight") { Description = "weight of the other transverse mode's action in the splitting's level (0: each mode's own, sharpest without collisions)", DefaultValueFactory = _ => TailSplitting.CollidingOtherModeWeight };
        var tailHistory = new Option<int>("--tail-history") { Description = "turns the splitting's levels average a particle's action over (1 without collisions)", DefaultValueFactory = _ => 10 };
        var aperture = new Option<double>("--aperture") { Description = "half-aperture of the ring in x [m] at every element (and in y unless --aperture-y)", DefaultValueFactory = _ => 0.02 };
        var apertureY = new Option<double?>("--aperture-y") { Description = "half-aperture in y [m]" };
        var csv = new Option<string?>("--csv") { Description = "write the results as CSV" };
        var parquet = new Option<string?>("--parquet") { Description = "write the results as Parquet" };
        var command = new Command("weakstrong", "weak-strong beam-beam with radiation in the real ring: xi, tune shift, equilibrium sizes, luminosity")
            { lattice, mode, energy, ips, current, turns, particles, slices, vertical, seed, threads, tuneTurns, acceleration, model, tunes, samples, interval, iterations, tailTurns, tailInterval, tailExcursions, tailHistory, tailSplitFrom, tailLevelWeight, aperture, apertureY, csv, parquet };
        command.SetAction(parse =>
        {
            try
            {
                var source = OpticsSource.Resolve(parse.GetValue(lattice), null, parse.GetValue(mode), parse.GetValue(energy));
                foreach (var w in source.Warnings) Console.Error.WriteLine($"warning: {w}");
                int n = parse.GetValue(particles), t = parse.GetValue(turns), k = parse.GetValue(slices);
                if (n < 2 || t < 1 || k < 1 || parse.GetValue(samples) < 1 || parse.GetValue(interval) < 1 || parse.GetValue(tuneTurns) < 64 || parse.GetValue(iterations) < 0
                    || parse.GetValue(tailTurns) < 0 || parse.GetValue(tailInterval) < 1 || !(parse.GetValue(aperture) > 0) || parse.GetValue(apertureY) is <= 0
                    || parse.GetValue(tailHistory) < 1 || parse.GetValue(tailSplitFrom) is <= 1 or >= TailDensity.Reach || parse.GetValue(tailLevelWeight) is not (>= 0 and < 1) || parse.GetValue(tailExcursions) is < 0 or (> 0 and < TailSplitting.Replicas) || (parse.GetValue(tailExcursions) > 0 && (parse.GetValue(tailTurns) == 0 || n < TailSplitting.Replicas)))
                    throw new ArgumentException($"--particles must be at least 2, --turns, --slices, --samples, --sample-interval and --tail-interval at least 1, --tune-turns at least 64, --iterations and --tail-turns not negative, the apertures positive; --tail-history at least 1, --tail-split-from above 1 and below {TailDensity.Reach} rms, --tail-level-weight from 0 to below 1, --tail-excursions 0 or at least {TailSplitting.Replicas}, with --tail-turns and at least {TailSplitting.Replicas} particles");
                var options = new WeakStrongOptions(parse.GetValue(current) * 1e-3, n, t, k, TuneTurns: parse.GetValue(tuneTurns), Seed: parse.GetValue(seed), Threads: parse.GetValue(threads),
                    VerticalEmittance: parse.GetValue(vertical), DampingAcceleration: PhysicsOptions.Acceleration(parse.GetValue(acceleration)),
                    Model: parse.GetValue(model), Samples: parse.GetValue(samples), SampleInterval: parse.GetValue(interval), Iterations: parse.GetValue(iterations),
                    TailTurns: parse.GetValue(tailTurns), TailInterval: parse.GetValue(tailInterval), TailExcursions: parse.GetValue(tailExcursions), TailHistory: parse.GetValue(tailHistory), TailSplitFrom: parse.GetValue(tailSplitFrom), TailLevelWeight: parse.GetValue(tailLevelWeight), Aperture: parse.GetValue(aperture), ApertureY: parse.GetValue(apertureY),
                    Tunes: parse.GetValue(tunes)?.Split(',').Select(q => double.Parse(q, NumberStyles.Float, C)).ToArray() is { Length: 2 } q ? q
                        : parse.GetValue(tunes) is null ? null : throw new ArgumentException("--tunes takes two fractional tunes, q1,q2"));
                var names = parse.GetValue(ips)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var r = TrackProgress.Run("weak-strong", n, progress => WeakStrong.Run(source.Lattice, names, options, progress));
                Report(source.Mode ?? source.Lattice.Name, options, r, parse.GetValue(csv), parse.GetValue(parquet));
                return 0;
            }
            catch (Exception e) when (e is OpticsException or MadxException or ArgumentException or IOException or FormatException)
            {
                Console.Error.WriteLine($"vepp2k beambeam weakstrong: {e.Message}");
                return 2;
            }
        });
        return command;
    }

    private static void Report(string ring, WeakStrongOptions o, WeakStrongResult r, string? csv, string? parquet)
    {
        var rows = new List<(string Name, double Value)>();
        void Line(FormattableString text) => Console.WriteLine(text.ToString(C));
        Line($"weak-strong beam-beam in {ring} ({(o.Model == BeamBeamModel.Linear ? "linear arcs between the IPs" : "element by element")}, damping x{o.DampingAcceleration:G4}): strong bunch {o.CurrentA * 1e3:G4} mA (N = {r.Population:E3}), {o.Slices} slices, hourglass included");
        Line($"  IP     sigma_x* [um] sigma_y* [um] sigma_z [mm] beta_x* [m] beta_y* [m]   xi_x      xi_y");
        foreach (var p in r.Ips)
        {
            double sx = Math.Sqrt(p.Strong.X.Variance), sy = Math.Sqrt(p.Strong.Y.Variance);
            Line($"  {p.Name,-6} {sx * 1e6,13:F2} {sy * 1e6,13:F2} {p.Strong.SigmaZ * 1e3,12:F2} {p.Optics.BetaXBothModes,11:F4} {p.Optics.BetaYBothModes,11:F4} {p.XiX,9:F5} {p.XiY,9:F5}");
            rows.AddRange([($"{p.Name}_sigma_x_m", sx), ($"{p.Name}_sigma_y_m", sy), ($"{p.Name}_sigma_z_m", p.Strong.SigmaZ), ($"{p.Name}_xi_x", p.XiX), ($"{p.Name}_xi_y", p.XiY)]);
        }
        double[] expected = [r.Ips.Sum(p => p.ExpectedTuneShift[0]), r.Ips.Sum(p => p.ExpectedTuneShift[1])];
        Line($"  tune shift, small amplitude (NAFF, eigenmodes; bare tunes {r.BareTunes[0]:F5} / {r.BareTunes[1]:F5}):");
        Line($"    measured {r.MeasuredTuneShift[0]:F6} / {r.MeasuredTuneShift[1]:F6}; first order from xi over the IPs {expected[0]:F6} / {expected[1]:F6}");
        rows.AddRange([("tune_shift_1", r.MeasuredTuneShift[0]), ("tune_shift_2", r.MeasuredTuneShift[1]), ("tune_shift_first_order_1", expected[0]), ("tune_shift_first_order_2", expected[1])]);
        if (o.Iterations > 0)
        {
            Line($"  quasi-strong-strong: the strong bunch at {r.Ips[0].Name} refreshed from the weak beam every {o.Turns} turns (sigma_x, sigma_y [um], sigma_z [mm]):");
            for (int i = 0; i < r.StrongSizes.Count; i++)
                Line($"    {(i == 0 ? "start" : $"refresh {i}"),-11} {r.StrongSizes[i][0] * 1e6,9:F2} {r.StrongSizes[i][1] * 1e6,9:F2} {r.StrongSizes[i][2] * 1e3,8:F2}");
            var last = r.StrongSizes[^1];
            rows.AddRange([("strong_sigma_x_m", last[0]), ("strong_sigma_y_m", last[1]), ("strong_sigma_z_m", last[2])]);
        }
        Line($"  equilibrium at {r.Ips[0].Name}, {r.Survivors} of {o.Particles} particles after {(o.Iterations + 1) * o.Turns} turns ({(o.Iterations + 1) * o.Turns / r.DampingTurns:F1} damping times), {o.Samples} snapshot(s) {o.SampleInterval} turns apart:");
        Line($"    sigma_x {r.EnvelopeSizes[0] * 1e6:F2} -> {r.TrackedSizes[0] * 1e6:F2} um, sigma_y {r.EnvelopeSizes[1] * 1e6:F2} -> {r.TrackedSizes[1] * 1e6:F2} um, sigma_z {r.EnvelopeSizes[2] * 1e3:F2} -> {r.TrackedSizes[2] * 1e3:F2} mm (no collisions -> with)");
        if (r.EnvelopeEmittances is { } e0 && r.TrackedEmittances is { } e)
        {
            Line($"    mode emittances [nm]: {e0[0] * 1e9:F3} -> {e[0] * 1e9:F3}, {e0[1] * 1e9:F4} -> {e[1] * 1e9:F4}; longitudinal {e0[2] * 1e9:F3} -> {e[2] * 1e9:F3} (no collisions -> with)");
            rows.AddRange([("emittance_1_envelope_m", e0[0]), ("emittance_2_envelope_m", e0[1]), ("emittance_1_m", e[0]), ("emittance_2_m", e[1]), ("emittance_3_m", e[2])]);
        }
        rows.AddRange([("sigma_x_envelope_m", r.EnvelopeSizes[0]), ("sigma_x_tracked_m", r.TrackedSizes[0]), ("sigma_y_envelope_m", r.EnvelopeSizes[1]),
            ("sigma_y_tracked_m", r.TrackedSizes[1]), ("sigma_z_envelope_m", r.EnvelopeSizes[2]), ("sigma_z_tracked_m", r.TrackedSizes[2])]);
        Line($"  luminosity at {r.Ips[0].Name} [cm^-2 s^-1]: geometric {r.GeometricLuminosity * 1e-4:E3}, with hourglass {r.OverlapLuminosity * 1e-4:E3} (H = {r.OverlapLuminosity / r.GeometricLuminosity:F4}), weak-strong tracked {r.TrackedLuminosity * 1e-4:E3}");
        rows.AddRange([("luminosity_geometric_cm2s", r.GeometricLuminosity * 1e-4), ("luminosity_hourglass_cm2s", r.OverlapLuminosity * 1e-4), ("luminosity_tracked_cm2s", r.TrackedLuminosity * 1e-4)]);
        if (r.Tails is { } tails) rows.AddRange(TailReport(tails, o));
        var lines = rows.Select(row => string.Create(C, $"{row.Name},{row.Value:R}")).ToList();
        if (csv is not null) File.WriteAllLines(csv, ["quantity,value", .. lines]);
        if (parquet is not null) ResultTable.Parse("quantity,value", lines).WriteParquet(parquet);
    }

    // The time-averaged tails beside the Gaussian at whole rms amplitudes up to 15, and each transverse mode's
    // lifetime from them against the Gaussian beam's with the same aperture.
    private static IEnumerable<(string Name, double Value)> TailReport(WeakStrongTails t, WeakStrongOptions o)
    {
        void Line(FormattableString text) => Console.WriteLine(text.ToString(C));
        Line($"  tails over {t.Turns} turns, every {o.TailInterval} turns ({t.Samples:E2} particle snapshots), in the colliding beam's rms units:");
        Line($"    A [rms]  beyond, mode 1  beyond, mode 2  Gaussian");
        var rows = new List<(string, double)>();
        for (int a = 1; a <= 15; a++)
        {
            int i = Array.IndexOf(t.Thresholds, (double)a);
            Line($"    {a,7}  {t.FractionBeyond[0][i],14:E2}  {t.FractionBeyond[1][i],14:E2}  {Math.Exp(-a * a / 2.0),8:E2}");
            rows.AddRange([($"beyond_{a}_rms_mode1", t.FractionBeyond[0][i]), ($"beyond_{a}_rms_mode2", t.FractionBeyond[1][i])]);
        }
        for (int m = 0; m < 2; m++)
        {
            string measured = t.LifetimeS[m] is { } s ? $"{Hours(s):G3} h" : $"> {Hours(t.LifetimeBoundS[m]):G3} h (no sample reached it)";
            string extrapolated = t.ExtrapolatedLifetimeS[m] is { } e ? $"{Hours(e):G3} h" : "(too few samples)";
            Line($"  mode {m + 1}: aperture {t.ApertureAmplitudes[m]:F1} rms; lifetime from the tails {measured}, with the tail extrapolated {extrapolated}, Gaussian beam {Hours(t.GaussianLifetimeS[m]):G3} h");
            rows.AddRange([($"aperture_rms_mode{m + 1}", t.ApertureAmplitudes[m]), ($"lifetime_s_mode{m + 1}", t.LifetimeS[m] ?? double.NaN),
                ($"lifetime_extrapolated_s_mode{m + 1}", t.ExtrapolatedLifetimeS[m] ?? double.NaN),
                ($"lifetime_bound_s_mode{m + 1}", t.LifetimeBoundS[m]), ($"lifetime_gaussian_s_mode{m + 1}", t.GaussianLifetimeS[m])]);
        }
        Line($"  lost by the tracking over those turns: {t.Lost}");
        rows.Add(("lost_during_tails", t.Lost));
        if (t.Split is { } split) rows.AddRange(SplitReport(t, split, o));
        return rows;
    }

    // The split far tails in nominal rms units with their replicas' errors, and the lifetimes they give.
    private static IEnumerable<(string Name, double Value)> SplitReport(WeakStrongTails t, SplitTail[] split, WeakStrongOptions o)
    {
        void Line(FormattableString text) => Console.WriteLine(text.ToString(C));
        Line($"  far tails split ({o.TailExcursions} excursions per level, {split.Sum(s => s.ParticleTurns):E2} particle-turns, {TailSplitting.Replicas} replicas, levels J_own + {o.TailLevelWeight} J_other averaged over {o.TailHistory} turns), in the nominal rms; the beam's own rms is {split[0].CoreRms:F3} and {split[1].CoreRms:F3} of it:");
        Line($"    A [rms]  beyond, mode 1        beyond, mode 2        Gaussian");
        var rows = new List<(string, double)>();
        for (int a = 1; a <= 20; a++)
        {
            int i = Array.IndexOf(split[0].Thresholds, (double)a);
            string Cell(SplitTail s) => s.FractionBeyond[i] > 0 ? string.Create(C, $"{s.FractionBeyond[i]:E2} +-{s.RelativeError[i] * 100,4:F0}%") : "0 (not reached)";
            Line($"    {a,7}  {Cell(split[0]),-20}  {Cell(split[1]),-20}  {Math.Exp(-a * a / 2.0),8:E2}");
            rows.AddRange([($"split_beyond_{a}_rms_mode1", split[0].FractionBeyond[i]), ($"split_beyond_{a}_rms_mode2", split[1].FractionBeyond[i]),
                ($"split_error_{a}_rms_mode1", split[0].RelativeError[i]), ($"split_error_{a}_rms_mode2", split[1].RelativeError[i])]);
        }
        for (int m = 0; m < 2; m++)
        {
            string density = t.SplitLifetimeS![m] is { } s ? $"{Hours(s):G3} h" : "(the tail ends before it)";
            string losses = t.SplitLossLifetimeS![m] is { } l ? $"{Hours(l):G3} h (+-{split[m].LossRelativeError * 100:F0}%)" : "(no loss)";
            Line($"  mode {m + 1}: aperture {t.SplitApertureAmplitudes![m]:F1} nominal rms; lifetime from the split density there {density}, from the splitting's losses {losses}");
            rows.AddRange([($"split_aperture_rms_mode{m + 1}", t.SplitApertureAmplitudes[m]), ($"split_lifetime_s_mode{m + 1}", t.SplitLifetimeS[m] ?? double.NaN),
                ($"split_loss_lifetime_s_mode{m + 1}", t.SplitLossLifetimeS[m] ?? double.NaN), ($"split_core_rms_mode{m + 1}", split[m].CoreRms)]);
        }
        return rows;
    }

    private static double Hours(double seconds) => seconds / 3600;
}
