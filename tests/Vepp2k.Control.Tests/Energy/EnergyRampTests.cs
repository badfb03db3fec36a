using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Online;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Control.Tests.Core;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>
/// The energy as an operator setpoint: the whole machine ramped from 825 MeV (the injection maximum)
/// to 1 GeV with every strength kept, against the independent truth of the excitation curves and the
/// online optics model; refusals before anything moves; an abort that leaves one energy.
/// </summary>
public class EnergyRampTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const double Injection = 825e6, Top = 1000e6;

    [Fact]
    public async Task Ramping_825_to_1000_MeV_keeps_every_strength_and_the_tunes_where_proportional_scaling_does_not()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        Assert.True(core.SetEnergy(ControlRig.Operator, Injection, 50e6).Applied);
        RunUntilDone(rig);
        var at825 = Moving(core).ToDictionary(e => e, e => ControlCore.StrengthOf(e, e.Request, Injection));
        var model = new OnlineModel(MagnetCatalogue.Default);
        var tunesAt825 = Tunes(model, rig.System.Machine, e => e.Request, Injection);

        var result = core.SetEnergy(ControlRig.Operator, Top, 20e6);
        Assert.True(result.Applied, result.Message);
        var ramp = core.FindRamp(result.RampId!.Value)!;
        Assert.Equal(at825.Count, ramp.Legs.Count);
        double worstSetpoint = 0, worstReadback = 0, worstExcess = double.NegativeInfinity, worstTune = 0;
        int samples = 0;
        for (int guard = 0; guard < 20_000 && !ramp.Done.IsCompleted; guard++)
        {
            rig.Clock.Advance(0.1);
            rig.System.Step();
            double energy = core.EnergyEv;   // from the dipole setpoint: the energy every element is set for
            foreach (var (e, strength) in at825)
            {
                worstSetpoint = Math.Max(worstSetpoint, Math.Abs(ControlCore.StrengthOf(e, e.Supply.Setpoint, energy) / strength - 1));
                // Readbacks follow their setpoints through the supply's regulation; the dipoles' readback gives the beam energy.
                double readEnergy = MagnetCatalogue.Default.BeamEnergy(rig.System.Machine.DipoleSupply.Readback);
                if (readEnergy is >= 0.16e9 and <= 1e9)
                {
                    // Beyond 1e-4 only as far as the two readbacks' noise (5 sigma) explains.
                    var ps = rig.System.Machine.DipoleSupply;
                    double noise = Math.Sqrt(Math.Pow(e.Supply.Parameters.NoiseRms / e.Readback, 2) + Math.Pow(ps.Supply.Parameters.NoiseRms / ps.Readback, 2));
                    double dev = Math.Abs(ControlCore.StrengthOf(e, e.Readback, readEnergy) / strength - 1);
                    worstReadback = Math.Max(worstReadback, dev);
                    worstExcess = Math.Max(worstExcess, dev - 5 * noise);
                }
            }
            if (samples++ % 40 == 0)
            {
                var tunes = Tunes(model, rig.System.Machine, e => e.Supply.Setpoint, energy);
                worstTune = Math.Max(worstTune, Math.Max(Math.Abs(tunes[0] - tunesAt825[0]), Math.Abs(tunes[1] - tunesAt825[1])));
            }
        }
        Assert.True((await ramp.Done).Applied);
        Assert.Equal(Top, core.EnergyEv, 1e-3);
        Assert.True(samples > 50, $"{samples} device-loop samples along the ramp");
        Assert.True(worstSetpoint < 1e-4, $"setpoints: strengths moved by {worstSetpoint:E2} relative");
        Assert.True(worstExcess < 1e-4, $"readbacks: strengths moved by up to {worstReadback:E2} relative, {worstExcess:E2} beyond their noise");
        Assert.True(worstTune < 1e-3, $"tunes moved by {worstTune:E2}");

        // The same move by scaling every current in proportion to the dipoles': the dipoles saturate
        // more than the quadrupoles, so the quadrupoles overshoot: at 1 GeV beyond what 1F1 can give,
        // and already at 900 MeV the strengths and the tunes move.
        var catalogue = MagnetCatalogue.Default;
        double Scaled(PoweredElement e, double toEv) =>
            e.Model.CurrentFromStrength(at825.GetValueOrDefault(e), Injection) * catalogue.DipoleCurrent(toEv) / catalogue.DipoleCurrent(Injection);
        var f1 = rig.System.Machine.Get("1F1");
        Assert.True(Scaled(f1, Top) > f1.Model.MaxCurrent, $"1F1 scaled to {Scaled(f1, Top):F1} A");
        Assert.Equal(OnlineStatus.Unstable, Evaluate(model, rig.System.Machine, e => Scaled(e, 900e6), 900e6).Status);
        const double Middle = 850e6;
        double worstScaled = at825.Where(p => p.Key.Model.Kind == MagnetKind.Quadrupole)
            .Max(p => Math.Abs(ControlCore.StrengthOf(p.Key, Scaled(p.Key, Middle), Middle) / p.Value - 1));
        var scaledTunes = Tunes(model, rig.System.Machine, e => Scaled(e, Middle), Middle);
        double scaledTune = Math.Max(Math.Abs(scaledTunes[0] - tunesAt825[0]), Math.Abs(scaledTunes[1] - tunesAt825[1]));
        output.WriteLine($"{ramp.Legs.Count} supplies, {samples} samples, {ramp.Duration.TotalSeconds:F1} s: strengths from setpoints {worstSetpoint:E2}, from readbacks {worstReadback:E2} ({worstExcess:E2} beyond 5 sigma of their noise), tunes {worstTune:E2}; "
            + $"proportional scaling to 850 MeV: quadrupole strengths {worstScaled:E2}, tunes {scaledTune:E2}; 1F1 at 1 GeV {Scaled(f1, Top):F1} A");
        Assert.True(worstScaled > 10 * worstSetpoint && worstScaled > 1e-3, $"proportional scaling moves quadrupole strengths by {worstScaled:E2}");
        Assert.True(scaledTune > 3 * worstTune && scaledTune > 1e-3, $"proportional scaling moves the tunes by {scaledTune:E2}, the energy ramp by {worstTune:E2}");

        // The ramp's report: what the guard saw once a second (the model from the readbacks, the
        // simulated beams), each node beside the proportional scaling at the same energy.
        var report = rig.System.RampRecorder.Report(ramp.Id)!;
        Assert.Equal("Completed", report.State);
        Assert.Empty(report.Holds);
        Assert.True(report.Rows.Count > 20, $"{report.Rows.Count} nodes");
        var first = report.Rows[0].Node;
        double reportModel = report.Rows.Max(r => EnergyRampGuard.Moved(first.Model.Tunes, r.Node.Model.Tunes));
        double reportBeam = report.Rows.Max(r => EnergyRampGuard.Moved(first.BeamTunes, r.Node.BeamTunes));
        Assert.All(report.Rows, r => Assert.True(r.Node.ElectronCurrent > 0 && r.Node.PositronCurrent > 0, "both beams kept"));
        Assert.True(reportModel < 1e-3, $"model tunes from the readbacks moved {reportModel:E2}");
        Assert.True(reportBeam < EnergyRampGuard.DefaultTuneBound, $"measured beam tunes moved {reportBeam:F4}");
        var proportional = report.Rows.Where(r => r.Proportional.Ok).ToList();
        double proportionalMoved = proportional.Max(r => EnergyRampGuard.Moved(first.Model.Tunes, r.Proportional.Tunes));
        int unstable = report.Rows.Count - proportional.Count;
        // The report's proportional optics against the test's own scaling, at a node beyond the start.
        var check = proportional.Last(r => r.Node.ReadbackEnergyEv > Injection + 5e6);
        var own = Tunes(model, rig.System.Machine, e => Scaled(e, check.Node.ReadbackEnergyEv), check.Node.ReadbackEnergyEv);
        Assert.True(EnergyRampGuard.Moved(own, check.Proportional.Tunes) < 1e-6, $"report {check.Proportional.Q1}, {check.Proportional.Q2}; own {own[0]}, {own[1]}");
        output.WriteLine($"report: {report.Rows.Count} nodes; model tunes moved {reportModel:E2}, beam tunes {reportBeam:F4}, orbit rms x {report.Rows.Max(r => r.Node.OrbitRmsX) * 1e6:F1} um; "
            + $"proportional: tunes moved up to {proportionalMoved:F4} where it has optics, {unstable} of {report.Rows.Count} nodes without stable optics ({report.Rows[^1].Proportional.Status})");
        Assert.True(proportionalMoved > 10 * reportModel && proportionalMoved > 1e-3, $"proportional scaling moved the tunes by {proportionalMoved:E2}");
        Assert.True(unstable > 0, "proportional scaling has no stable optics by 900 MeV");
    }

    [Fact]
    public async Task A_ramp_that_would_cross_a_limit_on_the_way_is_refused_before_anything_moves()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        Assert.True(core.SetEnergy(ControlRig.Operator, Injection, 50e6).Applied);
        RunUntilDone(rig);
        // 1F1 set high enough at 825 MeV that keeping its K1 at 1 GeV would pass its full current.
        var f1 = rig.System.Machine.Get("1F1");
        double high = f1.Model.CurrentFromStrength(f1.Model.StrengthFromCurrent(f1.Model.MaxCurrent, Top) * 1.001, Injection);
        Assert.True(core.Set(ControlRig.Operator, [("1F1", high)], Units.Hardware, "test").Applied);
        RunUntilDone(rig);
        var before = rig.System.Machine.Elements.ToDictionary(e => e.Name, e => e.Supply.Setpoint);
        int ramps = core.Ramps.Count;

        var refused = core.SetEnergy(ControlRig.Operator, Top, 20e6);
        Assert.False(refused.Applied);
        Assert.Contains("1F1", refused.Message);
        Assert.Contains("outside the range", refused.Message);
        rig.Run(1);
        Assert.Equal(ramps, core.Ramps.Count);
        Assert.All(rig.System.Machine.Elements, e => Assert.Equal(before[e.Name], e.Supply.Setpoint));
        Assert.Contains(rig.Events(), ev => ev.Subject.Contains("energy to 1000.000 MeV") && ev.Result.StartsWith("refused", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2e9, "outside the machine's range")]
    [InlineData(0.1e9, "outside the machine's range")]
    [InlineData(double.NaN, "outside the machine's range")]
    public async Task Targets_outside_the_range_are_refused(double target, string reason)
    {
        await using var rig = new ControlRig();
        var refused = rig.System.Core.SetEnergy(ControlRig.Operator, target);
        Assert.False(refused.Applied);
        Assert.Contains(reason, refused.Message);
        Assert.False(rig.System.Core.SetEnergy(ControlRig.Viewer, 900e6).Applied);
    }

    [Fact]
    public async Task Pause_and_abort_in_the_middle_leave_every_element_at_one_energy()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var start = Moving(core).ToDictionary(e => e, e => ControlCore.StrengthOf(e, e.Request, core.EnergyEv));
        var result = core.SetEnergy(ControlRig.Operator, Injection, 20e6);
        Assert.True(result.Applied, result.Message);
        rig.Run(3.05);
        Assert.True(core.ControlRamp(ControlRig.Operator, result.RampId!.Value, "pause").Applied);
        AtOneEnergy(core, start);
        rig.Run(1);
        Assert.True(core.ControlRamp(ControlRig.Operator, result.RampId!.Value, "resume").Applied);
        rig.Run(2.37);
        var abort = core.ControlRamp(ControlRig.Operator, result.RampId!.Value, "abort");
        Assert.True(abort.Applied);
        Assert.Contains("MeV", abort.Message);
        double energy = AtOneEnergy(core, start);
        Assert.InRange(energy, Injection + 1e6, 1000e6 - 1e6);
        // Where each supply was asked to stay is where it settles.
        rig.Run(5);
        Assert.All(start.Keys, e => Assert.True(e.HasArrived(e.Request), $"{e.Name} at {e.Readback} A, asked {e.Request} A"));
        Assert.True(core.SetEnergy(ControlRig.Operator, Top).Applied);
    }

    [Fact]
    public async Task Writing_the_energy_request_channel_ramps_the_machine_and_completes_when_every_supply_arrived()
    {
        // What a CA put-callback or a VCAS write gets: the channel adapts the same core operation.
        await using var rig = new ControlRig();
        Assert.True(rig.Channel("VEPP/Energy/RampRate").Write(ChannelValue.Of(50), ControlRig.Operator).Applied);
        var write = rig.Channel("VEPP/Energy/Request").Write(ChannelValue.Of(900), ControlRig.Operator);
        Assert.True(write.Applied, write.Message);
        rig.Run(1);
        Assert.False(write.Done!.IsCompleted);
        Assert.StartsWith("ramp #", rig.Channel("VEPP/Energy/RampState").Snapshot().Value.Text);
        for (int i = 0; i < 1000 && !write.Done.IsCompleted; i++) rig.Run(0.1);
        Assert.True((await write.Done).Applied);
        Assert.Equal(900, rig.Value("VEPP/Energy/SetE"), 1e-6);
        Assert.Equal(900, rig.Value("VEPP/Energy/Request"), 1e-9);
        Assert.False(rig.Channel("VEPP/Energy/Request").Write(ChannelValue.Of(950), ControlRig.Viewer).Applied);
    }

    [Fact]
    public async Task A_table_that_moves_only_the_dipoles_is_paused_by_the_tune_guard_before_the_tunes_go_far()
    {
        // A wrong table: the energy changes but the quadrupoles keep their currents, so their
        // strengths grow and the tunes move; the guard pauses it once they moved 0.005.
        await using var rig = new ControlRig();
        var catalogue = MagnetCatalogue.Default;
        var ps = rig.System.Machine.DipoleSupply;
        var csv = new System.Text.StringBuilder("time_s,energy_MeV,PS\n");
        const int Nodes = 2001;
        for (int k = 0; k < Nodes; k++)
        {
            double e = 1000e6 - 10e6 * k / (Nodes - 1);
            double current = k == 0 ? ps.Request : catalogue.DipoleCurrent(e);
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"{k * 0.01},{e / 1e6},{current}\n");
        }
        var result = rig.System.Core.RunEnergyTable(ControlRig.Operator, csv.ToString(), "dipoles only");
        Assert.True(result.Applied, result.Message);
        var ramp = rig.System.Core.FindRamp(result.RampId!.Value)!;
        for (int i = 0; i < 300 && ramp.State == RampState.Running; i++) rig.Run(0.1);
        Assert.Equal(RampState.Paused, ramp.State);
        Assert.InRange(ramp.Fraction, 0.01, 0.9);
        var paused = Assert.Single(rig.Events(), e => e.Subject == $"ramp #{ramp.Id}" && e.Message.StartsWith("ramp paused", StringComparison.Ordinal));
        Assert.Contains("tunes moved by", paused.Message);
        Assert.True(rig.System.Core.ControlRamp(ControlRig.Operator, ramp.Id, "abort").Applied);
    }

    [Fact]
    public void The_guard_compares_fractional_tunes_as_a_set()
    {
        // The degenerate round-beam modes may come back in either order and with either integer part.
        Assert.Equal(0, EnergyRampGuard.Moved([3.0997, 3.1003], [3.1003, 3.0997]), 12);
        Assert.Equal(0.0002, EnergyRampGuard.Moved([3.0997, 3.1003], [4.1005, 2.0995]), 9);
        Assert.Equal(0.01, EnergyRampGuard.Moved([3.1, 3.1], [3.11, 3.1]), 9);
        Assert.Equal(0.002, EnergyRampGuard.Moved([3.999, 2.5], [4.001, 2.5]), 9);
    }

    // Every element's setpoint gives the strength it had, at the energy the dipole setpoint is at now.
    private static double AtOneEnergy(ControlCore core, Dictionary<PoweredElement, double> strengths)
    {
        double energy = core.EnergyEv;
        foreach (var (e, s) in strengths)
            Assert.True(Math.Abs(ControlCore.StrengthOf(e, e.Supply.Setpoint, energy) / s - 1) < 1e-4,
                $"{e.Name}: {ControlCore.StrengthOf(e, e.Supply.Setpoint, energy)} at {energy / 1e6} MeV, was {s}");
        return energy;
    }

    private static IEnumerable<PoweredElement> Moving(ControlCore core) =>
        core.Machine.Elements.Where(e => e.Supply.State == SupplyState.On && Math.Abs(e.Request) > e.Supply.Parameters.ZeroCurrentThreshold);

    private static void RunUntilDone(ControlRig rig)
    {
        for (int i = 0; i < 20_000 && rig.System.Core.Ramps.Any(r => !r.Done.IsCompleted); i++) rig.Run(0.1);
        Assert.All(rig.System.Core.Ramps, r => Assert.True(r.Done.IsCompletedSuccessfully && r.Done.Result.Applied, r.Where()));
    }

    // The online model's eigen-tunes for the currents given by `current` at an energy.
    private static double[] Tunes(OnlineModel model, MagnetSystem machine, Func<PoweredElement, double> current, double energyEv)
    {
        var result = Evaluate(model, machine, current, energyEv);
        Assert.True(result.Status == OnlineStatus.Ok, $"at {energyEv / 1e6:F1} MeV: {result.Reason}");
        return [.. result.Optics!.Tunes];
    }

    private static OnlineResult Evaluate(OnlineModel model, MagnetSystem machine, Func<PoweredElement, double> current, double energyEv) =>
        model.Evaluate(machine.Elements.Where(e => !e.Name.Equals("PS", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(e => e.Name, current, StringComparer.OrdinalIgnoreCase), energyEv);
}
