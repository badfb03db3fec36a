using Vepp2k.Control.Beam;
using Vepp2k.Control.Tests.Core;
using Vepp2k.Machine;
using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Ring;
using Xunit.Abstractions;

namespace Vepp2k.Control.Tests.Beam;

public class LocoControlTests(ITestOutputHelper output)
{
    [Fact]
    public async Task LocoMeasuredThroughTheControlSystemCorrectsTheTrueRing()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        var loco = rig.System.Loco!;
        var (measurement, started) = loco.Measure(ControlRig.Operator);
        Assert.True(started.Applied, started.Message);
        for (int t = 0; t < 900 && !measurement!.Finished; t++) rig.Run(1);
        output.WriteLine(measurement!.Where());
        Assert.Equal(MeasurementState.Completed, measurement.State);

        var (fit, result) = loco.StartFit(ControlRig.Operator, measurement.Id);
        Assert.True(result.Applied, result.Message);
        while (fit!.State == LocoState.Fitting) await Task.Delay(100);
        Assert.Equal(LocoState.Completed, fit.State);
        output.WriteLine(fit.Where());

        // Truth: the true ring (hidden errors, load currents) against the design ring of the mode.
        var setting = ModeDesigns.Setting(Modes.Default);
        var design = SteeredRing.FromCurrents(Modes.Default, setting.EnergyEv, DesignCurrents.For(rig.System.Machine.Catalogue, setting), rig.System.Machine.Catalogue);
        var before = LocoOpticsReport.Compare(rig.System.Beam!.TrueRing(), design);
        Assert.False(loco.Apply(ControlRig.Operator, fit.Id).Applied, "unconfirmed corrections must not move anything");
        var applied = loco.Apply(ControlRig.Operator with { Confirmed = true }, fit.Id);
        Assert.True(applied.Applied, applied.Message);
        rig.Run(20);
        var after = LocoOpticsReport.Compare(rig.System.Beam.TrueRing(), design);
        output.WriteLine($"true ring: beta-beat {before.BetaBeatRms:P2} -> {after.BetaBeatRms:P2} rms, worst CCD size ratio {before.WorstRatioDeviation:P2} -> {after.WorstRatioDeviation:P2} of the design's");
        Assert.True(after.BetaBeatRms < 0.01, $"beta-beat {after.BetaBeatRms:P2} after LOCO");
        Assert.True(after.WorstRatioDeviation < 0.02, $"a CCD size ratio is {after.WorstRatioDeviation:P2} off the design's");
        Assert.Equal("ok", rig.Channel("VEPP/Beam/Status").Snapshot().Value.Text);
    }
}
