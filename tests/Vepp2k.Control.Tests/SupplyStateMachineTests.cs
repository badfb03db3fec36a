using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Tests;

public class SupplyStateMachineTests
{
    [Fact]
    public void Switch_on_goes_through_SwitchingOn_and_off_ramps_to_zero()
    {
        var rig = new SupplyRig(SupplyCatalog.Quadrupole);
        rig.Supply.SetCurrent(100);
        Assert.True(rig.Supply.SwitchOn().Accepted);
        Assert.Equal(SupplyState.SwitchingOn, rig.Supply.State);
        rig.Run(rig.P.SwitchOnTime / 2);
        Assert.Equal(0, rig.Supply.LoadCurrent);
        rig.Run(rig.P.SwitchOnTime);
        Assert.Equal(SupplyState.On, rig.Supply.State);
        rig.TimeToReach(100, 0.1, 10);

        Assert.True(rig.Supply.SwitchOff().Accepted);
        Assert.Equal(SupplyState.SwitchingOff, rig.Supply.State);
        rig.Run(100 / rig.P.MaxRampRate + 0.1);
        Assert.Equal(SupplyState.Off, rig.Supply.State);
        Assert.Equal(0, rig.Supply.LoadCurrent);
        // Off, the setpoint says what the supply does: 0 A, not the stale 100 A it had before.
        Assert.Equal(0, rig.Supply.Setpoint);
    }

    [Theory]
    [InlineData(-1.0, "unipolar")]
    [InlineData(301.0, "rating")]
    [InlineData(double.NaN, "finite")]
    public void Bad_setpoints_are_refused_with_a_reason(double amperes, string reasonPart)
    {
        var rig = new SupplyRig(SupplyCatalog.Quadrupole);
        var result = rig.Supply.SetCurrent(amperes);
        Assert.False(result.Accepted);
        Assert.Contains(reasonPart, result.Reason);
        Assert.Equal(0, rig.Supply.Setpoint);
    }

    [Fact]
    public void Trip_latches_and_reset_waits_for_the_cause_and_the_current()
    {
        var rig = new SupplyRig(SupplyCatalog.Quadrupole);
        rig.On();
        rig.Supply.SetCurrent(200);
        rig.TimeToReach(200, 0.1, 10);

        rig.Supply.SetFault(InterlockBits.Water, true);
        Assert.Equal(SupplyState.Interlock, rig.Supply.State);
        Assert.Equal(InterlockBits.Water, rig.Supply.LatchedInterlocks);
        Assert.False(rig.Supply.SwitchOn().Accepted);

        var live = rig.Supply.ResetInterlocks();
        Assert.False(live.Accepted);
        Assert.Contains("Water", live.Reason);

        rig.Supply.SetFault(InterlockBits.Water, false);
        Assert.Equal(InterlockBits.None, rig.Supply.LiveInterlocks);
        Assert.Equal(InterlockBits.Water, rig.Supply.LatchedInterlocks);
        Assert.True(rig.Supply.LoadCurrent > 100);
        var ramping = rig.Supply.ResetInterlocks();
        Assert.False(ramping.Accepted);
        Assert.Contains("current", ramping.Reason);

        rig.Run(200 / rig.P.MaxRampRate + 0.1);
        Assert.Equal(0, rig.Supply.LoadCurrent);
        Assert.True(rig.Supply.ResetInterlocks().Accepted);
        Assert.Equal(SupplyState.Off, rig.Supply.State);
        Assert.Equal(InterlockBits.None, rig.Supply.LatchedInterlocks);
        Assert.False(rig.Supply.ResetInterlocks().Accepted);
    }

    [Fact]
    public void Sign_change_goes_through_zero_and_waits_for_the_reversing_switch()
    {
        var rig = new SupplyRig(SupplyCatalog.Corrector);
        rig.On();
        rig.Supply.SetCurrent(5);
        rig.TimeToReach(5, 0.1, 10);

        Assert.True(rig.Supply.SetCurrent(-5).Accepted);
        Assert.Equal(SupplyState.ReversingPolarity, rig.Supply.State);
        double t = 0, zeroSince = double.NaN, flippedAt = double.NaN;
        while (rig.Supply.State != SupplyState.On || rig.Supply.LoadCurrent != -5)
        {
            var polarity = rig.Supply.Polarity;
            rig.Run(0.001);
            t += 0.001;
            if (rig.Supply.LoadCurrent == 0 && double.IsNaN(zeroSince))
                zeroSince = t;
            if (rig.Supply.Polarity != polarity)
            {
                Assert.Equal(0, rig.Supply.LoadCurrent);
                flippedAt = t;
            }
            Assert.True(t < 10);
        }
        Assert.Equal(-1, rig.Supply.Polarity);
        Assert.True(flippedAt - zeroSince >= rig.P.PolarityRelayTime - 0.002, "the switch needs its relay time at zero current");
    }
}
