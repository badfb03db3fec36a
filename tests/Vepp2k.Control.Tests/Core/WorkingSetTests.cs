using Vepp2k.Control.Devices;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Tests.Core;

public class WorkingSetTests
{
    [Fact]
    public async Task RestoreBringsTheMachineBackInOrderAndReportsEveryItem()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var sets = rig.System.WorkingSets;
        var saved = sets.Save(ControlRig.Operator, "round 1 GeV", "design", ["golden"]);
        Assert.Equal(1, saved.Version);
        Assert.Equal(core.Machine.Elements.Count, saved.Items.Count);

        // Move the machine: quads down 5%, one corrector kicked, one quad supply tripped.
        Assert.True(core.Apply(ControlRig.Operator, "quads", GroupOperation.Scale, 0.95, Units.Hardware).Applied);
        Assert.True(core.Set(ControlRig.Operator, [("1F1X", 2.0)], Units.Hardware, "kick").Applied);
        rig.Run(10);
        rig.System.Simulator!.Supply("3D2").SetFault(InterlockBits.Water, true);
        rig.Run(5);
        var diff = sets.Compare(saved, null, 0.05);
        Assert.Equal(25, diff.Count(d => d.Differs));   // 24 quads and 1F1X

        var progress = new List<string>();
        var restore = sets.Restore(ControlRig.Operator, saved, Subsystem.RestoreOrder, 0.05, TimeSpan.FromSeconds(20), new SyncProgress(progress));
        while (!restore.IsCompleted) { rig.Run(0.5); await Task.Yield(); }
        var report = await restore;

        Assert.Equal(24, report.Restored);      // 23 quads + 1F1X
        Assert.Equal(1, report.Unavailable);    // 3D2 tripped: reported, not hidden
        Assert.Equal(0, report.Failed);
        Assert.Equal(core.Machine.Elements.Count - 25, report.Unchanged);
        Assert.Contains(report.Items, i => i.Channel == "VEPP/QUAD/3D2/SCur" && i.Outcome == "unavailable" && i.Detail.Contains("Interlock"));
        // Quads restored before correctors, as the documented order says.
        Assert.True(progress.FindIndex(p => p.StartsWith("quads")) < progress.FindIndex(p => p.StartsWith("correctors")));
        // Once the supplies settle (L/R), readbacks are within 1e-4 of full scale (1 A on the 10 kA
        // dipole supply; 30 mA on a quad), or 5 rms of the DCCT noise where that is larger.
        rig.Run(5);
        foreach (var item in saved.Items.Where(i => i.Channel != "VEPP/QUAD/3D2/SCur"))
        {
            var element = core.Machine.Elements.Single(e => e.SetpointChannel == item.Channel);
            var p = element.Supply.Parameters;
            Assert.Equal(item.Value, element.Supply.Dcct1, Math.Max(1e-4 * p.MaxCurrent, 5 * p.NoiseRms));
        }
        Assert.Contains(rig.Events(EventKind.Operator), e => e.Subject == "workingset/round 1 GeV" && e.Result == report.Summary);
    }

    [Fact]
    public async Task SavingAgainMakesANewVersionAndViewersCannotSave()
    {
        await using var rig = new ControlRig();
        var sets = rig.System.WorkingSets;
        var v1 = sets.Save(ControlRig.Operator, "s", "first", []);
        rig.System.Core.Set(ControlRig.Operator, [("1D1", 100)], Units.Hardware, "x");
        rig.Run(10);
        var v2 = sets.Save(ControlRig.Operator, "s", "second", []);
        Assert.Equal(2, v2.Version);
        var back = rig.System.Store.LoadWorkingSet("s", 1)!;
        Assert.Equal(v1.Items.Single(i => i.Channel == "VEPP/QUAD/1D1/SCur").Value, back.Items.Single(i => i.Channel == "VEPP/QUAD/1D1/SCur").Value);
        Assert.Single(sets.Compare(v1, v2, 0.01), d => d.Differs);
        Assert.Throws<UnauthorizedAccessException>(() => sets.Save(ControlRig.Viewer, "s", "x", []));
    }

    [Fact]
    public async Task EachItemIsComparedWithItsOwnTolerance()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var set = rig.System.WorkingSets.Save(ControlRig.Operator, "t", "", []);
        double d1 = core.Machine.Get("1D1").Supply.Setpoint;
        // 20 mA is beyond a 6 A corrector's tolerance (5 rms of its 100 ppm noise: 3 mA) and inside a
        // 300 A quad's (5 rms of 50 ppm: 75 mA).
        Assert.True(core.Set(ControlRig.Operator, [("1F1X", 0.02), ("1D1", d1 + 0.02)], Units.Hardware, "small").Applied);
        rig.Run(2);
        var differing = rig.System.WorkingSets.Compare(set, null, 0).Where(d => d.Differs).Select(d => d.Channel).ToList();
        Assert.Equal(["VEPP/UM/1/F1X/SetCur"], differing);
    }

    /// <summary>Progress reported on the caller's thread, in order.</summary>
    private sealed class SyncProgress(List<string> sink) : IProgress<string>
    {
        public void Report(string value) { lock (sink) sink.Add(value); }
    }
}
