using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Tests.Core;

/// <summary>The event log is complete: refusals, where aborted ramps left each supply, alarm raises and clears.</summary>
public class EventLogTests
{
    [Fact]
    public async Task ADriveLimitRefusalOnAChannelWriteIsAnEventWithWhoWhatAndWhy()
    {
        await using var rig = new ControlRig();
        var set = rig.Channel("VEPP/QUAD/1F1/SCur");
        double beyond = set.Spec.DriveHigh + 1;
        Assert.False(set.Write(ChannelValue.Of(beyond), ControlRig.Operator).Applied);
        Assert.False(rig.Channel("VEPP/QUAD/1F1/MCur.1").Write(ChannelValue.Of(1), ControlRig.Viewer).Applied);

        var refusals = rig.Events(EventKind.Operator).Where(e => e.Result.StartsWith("refused", StringComparison.Ordinal)).ToList();
        var drive = Assert.Single(refusals, e => e.Subject == "VEPP/QUAD/1F1/SCur");
        Assert.Equal("alice", drive.User);
        Assert.Contains(beyond.ToString("G6", System.Globalization.CultureInfo.InvariantCulture), drive.NewValue);
        Assert.Contains("drive limits", drive.Result);
        var readOnly = Assert.Single(refusals, e => e.Subject == "VEPP/QUAD/1F1/MCur.1");
        Assert.Equal("victor", readOnly.User);
    }

    [Fact]
    public async Task RefusedRampAndSwitchCommandsAreEvents()
    {
        await using var rig = new ControlRig();
        Assert.False(rig.System.Core.ControlRamp(ControlRig.Operator, 999, "abort").Applied);
        Assert.False(rig.System.Core.Switch(ControlRig.Viewer, "1F1", false).Applied);
        Assert.False(rig.Channel("VEPP/Control/BeamStateValid").Write(ChannelValue.OfEnum(0), ControlRig.Operator).Applied);
        Assert.False(rig.System.Core.AcknowledgeBeamState(ControlRig.Operator).Applied);
        var refusals = rig.Events(EventKind.Operator).Where(e => e.Result.StartsWith("refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(refusals, e => e.Subject == "ramp #999" && e.User == "alice" && e.Result.Contains("no ramp #999"));
        Assert.Contains(refusals, e => e.Subject == "1F1" && e.User == "victor" && e.Result.Contains("may not switch"));
        Assert.Contains(refusals, e => e.Subject == "VEPP/Control/BeamStateValid" && e.Result.Contains("only 1"));
        Assert.Contains(refusals, e => e.Subject == "VEPP/Control/BeamStateValid" && e.Result.Contains("already valid"));
    }

    [Fact]
    public async Task AnAbortedRampLogsWhereEachElementStopped()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var names = new[] { "1F1", "2F1" };
        var targets = names.Select(n => (n, core.Machine.Get(n).Supply.Setpoint - 40)).ToList();
        var r = core.Set(ControlRig.Operator, targets, Units.Hardware, "test move");
        Assert.True(r.Applied, r.Message);
        rig.Run(0.5);
        Assert.True(core.ControlRamp(ControlRig.Operator, r.RampId!.Value, "abort").Applied);

        var stops = rig.Events(EventKind.Operator).Where(e => e.Message.StartsWith($"ramp #{r.RampId} aborted", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, stops.Count);
        foreach (var (name, target) in targets)
        {
            var supply = core.Machine.Get(name).Supply;
            var stop = Assert.Single(stops, e => e.Subject == core.Machine.Get(name).SetpointChannel);
            // The supply itself says where it was left: the setpoint it holds, the current it carries.
            Assert.Contains($"stopped at {supply.Setpoint:F4} A setpoint", stop.Result);
            Assert.Contains($"{0.5 * (supply.Dcct1 + supply.Dcct2):F4} A read", stop.Result);
            Assert.Contains($"target {target:F4} A", stop.Result);
            Assert.NotEqual(target, supply.Setpoint, 3);
        }
    }

    [Fact]
    public async Task ARampAbortedBySwitchingASupplyOffIsLoggedPerElement()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var target = core.Machine.Get("1D1").Supply.Setpoint - 60;
        var r = core.Set(ControlRig.Operator, [("1D1", target)], Units.Hardware, "test move");
        rig.Run(0.2);
        Assert.False(core.FindRamp(r.RampId!.Value)!.Finished);
        Assert.True(core.Switch(ControlRig.Operator, "1D1", false).Applied);
        var stop = Assert.Single(rig.Events(EventKind.Operator), e => e.Message.StartsWith($"ramp #{r.RampId} aborted", StringComparison.Ordinal));
        Assert.Contains("switched off by alice", stop.Message);
        Assert.Contains($"target {target:F4} A", stop.Result);
    }

    [Fact]
    public async Task EveryAlarmThatIsRaisedAndGoneIsLoggedAsCleared()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        rig.Run(1.1);
        // Focusing quads halved: no stable optics, the model's channels go invalid (UDF, no value)...
        var down = core.Apply(ControlRig.Operator, "quads-F", GroupOperation.Scale, 0.5, Units.Hardware);
        Assert.True(down.Applied, down.Message);
        rig.Run(60);
        Assert.Contains(rig.Events(EventKind.Alarm), e => e.Subject == "VEPP/Model/NuX" && e.Result == nameof(AlarmSeverity.Invalid));
        // ...and back: the optics is stable again and those alarms are gone.
        var up = core.Apply(ControlRig.Operator, "quads-F", GroupOperation.Scale, 2, Units.Hardware);
        Assert.True(up.Applied, up.Message);
        rig.Run(60);

        var events = rig.Events(EventKind.Alarm);
        Assert.Equal(AlarmSeverity.NoAlarm, rig.Channel("VEPP/Model/NuX").Snapshot().Severity);
        // Independent truth: each channel's own present severity. The newest alarm event of a channel
        // that is now free of alarm must say so.
        foreach (var subject in events.Select(e => e.Subject).Distinct())
        {
            var latest = events.Where(e => e.Subject == subject).MaxBy(e => e.Id)!;
            var now = rig.Channel(subject).Snapshot().Severity;
            Assert.True(now.ToString() == latest.Result, $"{subject} is {now} but its last alarm event is '{latest.Message}' ({latest.Result})");
        }
    }
}
