using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.Operations;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.Tests.Core;

/// <summary>
/// Setpoints as EPICS users expect them: the setpoint channel reads the request at once and the ramp
/// reads on RCur; a write's completion waits for the supply to arrive (the motor record's DMOV) or
/// fails with the reason; a new write takes the element over instead of being dropped; an off
/// supply asks for 0 A and cannot be set; comparisons see what the supply really does.
/// </summary>
public class SetpointSemanticsTests
{
    private const string Quad = "VEPP/QUAD/1F1";

    [Fact]
    public async Task The_setpoint_reads_the_request_at_once_while_RCur_ramps()
    {
        await using var rig = new ControlRig();
        double before = rig.Value($"{Quad}/SCur");
        double target = before - 60;
        Assert.True(rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(target), ControlRig.Operator).Applied);
        rig.Run(0.1);
        // One device tick later SCur is the request, while the ramp (RCur) and the readback are on their way.
        Assert.Equal(target, rig.Value($"{Quad}/SCur"), 9);
        rig.Run(0.2);
        Assert.Equal(target, rig.Value($"{Quad}/SCur"), 9);
        double ramped = rig.Value($"{Quad}/RCur");
        Assert.InRange(ramped, target + 1, before - 1e-6);
        double k1Request = rig.System.Core.StrengthOf(rig.System.Core.Machine.Get("1F1"), target);
        Assert.Equal(k1Request, rig.Value($"{Quad}/K1"), 9);
    }

    [Fact]
    public async Task A_write_completes_when_the_supply_has_arrived_not_when_it_was_accepted()
    {
        await using var rig = new ControlRig();
        var e = rig.System.Core.Machine.Get("1F1");
        double target = e.Request - 60;
        var r = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(target), ControlRig.Operator);
        Assert.True(r.Applied, r.Message);
        Assert.NotNull(r.Done);
        rig.Run(0.2);
        Assert.False(r.Done!.IsCompleted);
        for (int i = 0; i < 600 && !r.Done.IsCompleted; i++) rig.Run(0.1);
        var done = await r.Done;
        Assert.True(done.Applied, done.Message);
        // Completed means arrived: the readback is within the element's tolerance of the target.
        Assert.InRange(Math.Abs(e.Readback - target), 0, e.ArrivalTolerance);
    }

    [Fact]
    public async Task A_second_write_during_a_ramp_retargets_it_and_the_first_completion_fails_as_superseded()
    {
        await using var rig = new ControlRig();
        var e = rig.System.Core.Machine.Get("1F1");
        double first = e.Request - 60, second = e.Request - 30;
        var a = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(first), ControlRig.Operator);
        rig.Run(0.05);
        var b = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(second), ControlRig.Operator);
        Assert.True(a.Applied && b.Applied, b.Message);
        for (int i = 0; i < 600 && !b.Done!.IsCompleted; i++) rig.Run(0.1);
        Assert.Contains("superseded", (await a.Done!).Message);
        Assert.True((await b.Done!).Applied);
        Assert.Equal(second, e.Readback, e.ArrivalTolerance);
        Assert.Equal(second, rig.Value($"{Quad}/SCur"), 9);
    }

    [Fact]
    public async Task A_knob_writing_at_10_Hz_loses_no_write()
    {
        await using var rig = new ControlRig();
        var e = rig.System.Core.Machine.Get("1F1");
        double start = e.Request;
        for (int i = 1; i <= 20; i++)
        {
            var r = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(start - 0.5 * i), ControlRig.Operator);
            Assert.True(r.Applied, $"write {i}: {r.Message}");
            rig.Run(0.1);
        }
        rig.Run(5);
        Assert.Equal(start - 10, e.Readback, e.ArrivalTolerance);
    }

    [Fact]
    public async Task Switch_off_sets_the_setpoint_to_zero_and_a_set_to_an_off_supply_is_refused()
    {
        await using var rig = new ControlRig();
        var e = rig.System.Core.Machine.Get("1F1");
        Assert.True(rig.Channel($"{Quad}/Power").Write(ChannelValue.OfEnum(0), ControlRig.Operator).Applied);
        rig.Run(0.1);
        Assert.Equal(0, rig.Value($"{Quad}/SCur"));

        // While switching off and once off, a set is refused and changes nothing.
        var during = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(100), ControlRig.Operator);
        Assert.False(during.Applied);
        Assert.Contains("switch it on first", during.Message);
        rig.Run(60);
        Assert.Equal(SupplyState.Off, e.Supply.State);
        var after = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(100), ControlRig.Operator);
        Assert.False(after.Applied);
        Assert.Equal(0, rig.Value($"{Quad}/SCur"));
        Assert.DoesNotContain(rig.System.Core.Ramps, r => r.State == RampState.Completed && r.Legs.Any(l => l.Element == e && l.Target == 100));
    }

    [Fact]
    public async Task A_trip_during_a_ramp_aborts_it_and_the_completion_says_where_it_stopped()
    {
        await using var rig = new ControlRig();
        var e = rig.System.Core.Machine.Get("1F1");
        var r = rig.Channel($"{Quad}/SCur").Write(ChannelValue.Of(e.Request - 100), ControlRig.Operator);
        rig.Run(0.3);
        rig.System.Simulator!.Supply("1F1").SetFault(InterlockBits.Water, true);
        rig.Run(0.2);
        var done = await r.Done!.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(done.Applied);
        Assert.Contains("1F1", done.Message);
        Assert.Equal(0, rig.Value($"{Quad}/SCur"));
    }

    [Fact]
    public async Task Compare_with_the_live_machine_sees_a_switched_off_supply_at_zero()
    {
        await using var rig = new ControlRig();
        var sets = rig.System.WorkingSets;
        var saved = sets.Save(ControlRig.Operator, "before-off", "", []);
        Assert.DoesNotContain(sets.Compare(saved, null, 0), i => i.Differs);
        Assert.True(rig.System.Core.Switch(ControlRig.Operator, "1F1", on: false).Applied);
        rig.Run(0.1);
        var differs = sets.Compare(saved, null, 0).Where(i => i.Differs).ToList();
        var item = Assert.Single(differs);
        Assert.Equal($"{Quad}/SCur", item.Channel);
        Assert.Equal(0, item.Right);
    }
}
