using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Control.Tests.Core;

public class ControlCoreTests
{
    [Fact]
    public async Task StartsOnTheDesignCurrents()
    {
        await using var rig = new ControlRig();
        var k1 = RingDesign.DesignQuads.F1;
        double expected = MagnetCatalogue.Default.Find("1F1").CurrentFromStrength(k1, 1e9);
        Assert.Equal(expected, rig.Value("VEPP/QUAD/1F1/SCur"), 9);
        Assert.Equal(expected, rig.Value("VEPP/QUAD/1F1/MCur.1"), 0);
        // The strength channel converts back through the same curve: the design K1.
        Assert.Equal(k1, rig.Value("VEPP/QUAD/1F1/K1"), 6);
        Assert.Equal(1000, rig.Value("VEPP/Energy/SetE"), 6);
        Assert.All(rig.System.Machine.Elements, e => Assert.Equal(SupplyState.On, e.Supply.State));
    }

    [Fact]
    public async Task EveryChannelHasAValueOnceTheMachineRuns()
    {
        await using var rig = new ControlRig();
        rig.Run(1.1);
        var undefined = rig.System.Registry.All.Where(c => c.Snapshot().Status == AlarmStatus.Udf).Select(c => c.Spec.Path).ToList();
        Assert.Empty(undefined);
        // ...and the running design machine is free of alarms except the model's round-beam indicators
        // (readback noise moves beta* by a few mm) and nothing else.
        var alarms = rig.System.Registry.All.Where(c => c.Snapshot().Severity != AlarmSeverity.NoAlarm).Select(c => c.Spec.Path).ToList();
        Assert.All(alarms, a => Assert.StartsWith("VEPP/Model/", a));
    }

    [Fact]
    public async Task AWriteRampsTheSupplyAndIsLogged()
    {
        await using var rig = new ControlRig();
        double before = rig.Value("VEPP/QUAD/1F1/SCur");
        var r = rig.Channel("VEPP/QUAD/1F1/SCur").Write(ChannelValue.Of(before - 20), ControlRig.Operator);
        Assert.True(r.Applied, r.Message);
        rig.Run(10);
        Assert.Equal(before - 20, rig.Value("VEPP/QUAD/1F1/MCur.1"), 0);
        var e = rig.Events(EventKind.Operator).Single(x => x.Subject == "VEPP/QUAD/1F1/SCur");
        Assert.Equal("alice", e.User);
        Assert.Equal($"{before:F4} A", e.OldValue);
        Assert.Equal($"{before - 20:F4} A", e.NewValue);
        Assert.StartsWith("applied", e.Result);
    }

    [Fact]
    public async Task RefusedWritesChangeNothingAndSayWhy()
    {
        await using var rig = new ControlRig();
        var set = rig.Channel("VEPP/QUAD/1F1/SCur");
        double before = rig.Value("VEPP/QUAD/1F1/SCur");
        var viewer = set.Write(ChannelValue.Of(100), ControlRig.Viewer);
        Assert.False(viewer.Applied);
        Assert.Contains("may not write", viewer.Message);
        var high = set.Write(ChannelValue.Of(400), ControlRig.Operator);
        Assert.False(high.Applied);
        Assert.Contains("drive limits", high.Message);
        var readOnly = rig.Channel("VEPP/QUAD/1F1/MCur.1").Write(ChannelValue.Of(1), ControlRig.Operator);
        Assert.Contains("read-only", readOnly.Message);
        rig.Run(2);
        Assert.Equal(before, rig.Value("VEPP/QUAD/1F1/SCur"));
        Assert.Empty(rig.System.Core.Ramps);
    }

    [Fact]
    public async Task AGroupScaleMovesAllMembersInStep()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var group = core.Groups.Find("quads-F")!;
        var start = group.Members.ToDictionary(m => m, m => core.Machine.Get(m).Supply.Setpoint);
        var r = core.Apply(ControlRig.Operator, "quads-F", GroupOperation.Scale, 0.6, Units.Hardware);
        Assert.True(r.Applied, r.Message);
        var ramp = core.FindRamp(r.RampId!.Value)!;
        // Halfway through, every member has done the same fraction of its own move.
        rig.Run(ramp.Duration.TotalSeconds / 2);
        var fractions = group.Members.Select(m =>
        {
            var s = core.Machine.Get(m).Supply;
            return (s.RampedSetpoint - start[m]) / (0.6 * start[m] - start[m]);
        }).ToList();
        Assert.All(fractions, f => Assert.InRange(f, 0.3, 0.6));
        Assert.True(fractions.Max() - fractions.Min() < 0.02, string.Join(" ", fractions));
        var report = await core.WaitForArrival([.. group.Members.Select(m => (m, 0.6 * start[m]))], 0.05, TimeSpan.Zero);
        Assert.False(report.AllArrived);
        rig.Run(ramp.Duration.TotalSeconds / 2 + 5);
        report = await core.WaitForArrival([.. group.Members.Select(m => (m, 0.6 * start[m]))], 0.05, TimeSpan.Zero);
        Assert.True(report.AllArrived, report.Message);
    }

    [Fact]
    public async Task PhysicsUnitsConvertThroughTheExcitationCurve()
    {
        await using var rig = new ControlRig();
        var r = rig.Channel("VEPP/QUAD/2D3/K1").Write(ChannelValue.Of(-12.0), ControlRig.Operator);
        Assert.True(r.Applied, r.Message);
        double amps = MagnetCatalogue.Default.Find("2D3").CurrentFromStrength(-12.0, 1e9);
        Assert.Equal(amps, rig.System.Machine.Get("2D3").Supply.Setpoint == amps ? amps : rig.System.Core.Ramps[^1].Legs[0].Target, 9);
        rig.Run(10);
        Assert.Equal(-12.0, rig.Value("VEPP/QUAD/2D3/K1"), 6);
    }

    [Fact]
    public async Task SolenoidPolarityReversesOnlyAtZeroAndFieldLimitsHold()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        double now = core.Machine.Get("1S1").Supply.Setpoint;
        var flip = core.Set(ControlRig.Operator, [("1S1", -now)], Units.Hardware, "flip");
        Assert.False(flip.Applied);
        Assert.Contains("polarity reversal only at zero", flip.Message);
        var over = core.Set(ControlRig.Operator, [("1S1", 299)], Units.Hardware, "over");
        Assert.False(over.Applied);
        Assert.Contains("drive limits", over.Message);
        // The section's drive limit is its 13 T coil limit (abstract: main coils up to 13 T).
        var s1 = MagnetCatalogue.Default.Find("1S1");
        Assert.Equal(RingDesign.MainCoilLimit, s1.FieldFromCurrent(s1.MaxCurrent), 6);
        var down = core.Set(ControlRig.Operator, [("1S1", 0)], Units.Hardware, "down");
        Assert.True(down.Applied, down.Message);
        rig.Run(down.Items.Count * core.FindRamp(down.RampId!.Value)!.Duration.TotalSeconds + 5);
        var reverse = core.Set(ControlRig.Operator, [("1S1", -50)], Units.Hardware, "reverse");
        Assert.True(reverse.Applied, reverse.Message);
    }

    [Fact]
    public async Task AQuenchStopsSolenoidRampsLogsAndInvalidatesTheBeamState()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var ramp = core.Set(ControlRig.Operator, [("2S1", -200), ("2S2", -200)], Units.Hardware, "lower 2S");
        Assert.True(ramp.Applied, ramp.Message);
        rig.Run(0.5);
        rig.System.Simulator!.Solenoid("2S").InjectQuench("qS1");
        rig.Run(1);
        Assert.Equal(RampState.Aborted, core.FindRamp(ramp.RampId!.Value)!.State);
        Assert.Contains(rig.Events(EventKind.Quench), e => e.Subject == "VEPP/SOL/2S" && e.Message == "quench");
        Assert.Equal(0, rig.Value("VEPP/Control/BeamStateValid"));
        Assert.Equal(AlarmSeverity.Major, rig.Channel("VEPP/Control/BeamStateValid").Snapshot().Severity);
        Assert.All(core.Machine.Elements.Where(e => e.IsSolenoid && e.Name.StartsWith('2')), e => Assert.Equal(SupplyState.Interlock, e.Supply.State));
        // Reset is refused while the coil still discharges, and new solenoid requests are refused.
        Assert.False(core.ResetInterlocks(ControlRig.Operator, "2S1").Applied);
        Assert.False(core.Set(ControlRig.Operator, [("2S3", 0)], Units.Hardware, "x").Applied);
        rig.Run(15);
        Assert.Contains(rig.Events(EventKind.Quench), e => e.Message == "quench discharge over");
        Assert.True(core.ResetInterlocks(ControlRig.Operator, "2S1").Applied);
        Assert.True(rig.Channel("VEPP/Control/BeamStateValid").Write(ChannelValue.OfEnum(1), ControlRig.Operator).Applied);
    }

    [Fact]
    public async Task SwitchingTheDipolesOffUnderPoweredSolenoidsNeedsConfirmation()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var refused = core.Switch(ControlRig.Operator, "PS", false);
        Assert.False(refused.Applied);
        Assert.Contains("needs confirmation", refused.Message);
        Assert.Equal(SupplyState.On, core.Machine.DipoleSupply.Supply.State);
        var confirmed = core.Switch(ControlRig.Operator with { Confirmed = true }, "PS", false);
        Assert.True(confirmed.Applied, confirmed.Message);
    }
}
