using System.Diagnostics;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Tests.Core;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>Energy scans: every point reached with the strengths kept and dwelt at, pausable, resumable after a failed point, logged.</summary>
public class EnergyScanTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_scan_of_20_energies_visits_every_point_in_order_and_dwells_at_each()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var energies = Enumerable.Range(0, 20).Select(k => 1000e6 - 5e6 * (k + 1)).ToArray();
        var (scan, result) = core.StartScan(ControlRig.Operator, energies, TimeSpan.FromSeconds(10), 20e6);
        Assert.True(result.Applied, result.Message);
        var wall = Stopwatch.StartNew();
        var start = rig.Clock.GetUtcNow();
        var visited = new List<double>();
        while (!scan!.Finished && rig.Clock.GetUtcNow() - start < TimeSpan.FromHours(2))
        {
            rig.Run(0.1);
            if (scan.DwellUntil is not null && (visited.Count == 0 || visited[^1] != energies[scan.Index])) visited.Add(energies[scan.Index]);
            if (scan.DwellUntil is not null) Assert.Equal(energies[scan.Index], core.EnergyEv, 1e-3);
        }
        output.WriteLine($"20 points in {(rig.Clock.GetUtcNow() - start).TotalMinutes:F1} min simulated, {wall.Elapsed.TotalSeconds:F1} s wall");
        Assert.Equal(ScanState.Completed, scan.State);
        Assert.Equal(energies, visited);
        Assert.Equal(energies[^1], core.EnergyEv, 1e-3);
        var events = rig.Events(EventKind.Operator).Where(e => e.Subject == $"scan #{scan.Id}").ToList();
        Assert.Equal(20, events.Count(e => e.Message.Contains("reached")));
        Assert.Contains(events, e => e.Message == "scan completed");
    }

    [Fact]
    public async Task A_scan_paused_or_stopped_by_an_aborted_ramp_resumes_from_its_point()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var (scan, _) = core.StartScan(ControlRig.Operator, [950e6, 900e6], TimeSpan.FromSeconds(5), 20e6);
        rig.Run(2);
        Assert.True(core.ControlScan(ControlRig.Operator, scan!.Id, "pause").Applied);
        double held = core.EnergyEv;
        rig.Run(5);
        Assert.Equal(held, core.EnergyEv);   // the ramp in flight paused with the scan, at one energy
        Assert.True(core.ControlScan(ControlRig.Operator, scan.Id, "resume").Applied);
        rig.Run(1);
        // Someone aborts the ramp under the scan: the scan pauses with the reason and resumes from the same point.
        Assert.True(core.ControlRamp(ControlRig.Operator, scan.RampId!.Value, "abort").Applied);
        rig.Run(0.2);
        Assert.Equal(ScanState.Paused, scan.State);
        Assert.Contains("point 1 not reached", scan.Reason);
        Assert.True(core.ControlScan(ControlRig.Operator, scan.Id, "resume").Applied);
        for (int i = 0; i < 20_000 && !scan.Finished; i++) rig.Run(0.1);
        Assert.Equal(ScanState.Completed, scan.State);
        Assert.Equal(900e6, core.EnergyEv, 1e-3);
    }

    [Fact]
    public async Task A_standardised_scan_cycles_the_iron_before_the_first_point_and_where_it_turns_back()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        // From 1000 MeV: down to 990, back up to 995 (turns back), down to 985 (turns back again).
        double[] energies = [990e6, 995e6, 985e6];
        var unconfirmed = core.StartScan(ControlRig.Operator, energies, TimeSpan.FromSeconds(2), 20e6, standardise: true);
        Assert.Null(unconfirmed.Scan);
        Assert.Contains("confirm", unconfirmed.Result.Message);

        var (scan, result) = core.StartScan(ControlRig.Operator with { Confirmed = true }, energies, TimeSpan.FromSeconds(2), 20e6, standardise: true);
        Assert.True(result.Applied, result.Message);
        var ps = rig.System.Machine.DipoleSupply;
        // Independent of the scan's bookkeeping: the dipoles' setpoint at full current, counted per visit
        // with the point the scan is at, and the energy each time the scan dwells.
        List<int> FullCurrentVisits(EnergyScan s, IReadOnlyList<double> points)
        {
            var visits = new List<int>();
            bool atTop = false;
            for (int i = 0; i < 200_000 && !s.Finished; i++)
            {
                rig.Run(0.1);
                bool top = ps.Supply.Setpoint >= ps.Model.MaxCurrent - 1e-9;
                if (top && !atTop) visits.Add(s.Index);
                atTop = top;
                if (s.DwellUntil is not null) Assert.Equal(points[s.Index], core.EnergyEv, 1e-3);
            }
            Assert.Equal(ScanState.Completed, s.State);
            return visits;
        }

        var visits = FullCurrentVisits(scan!, energies);
        output.WriteLine($"PS at full current before points {string.Join(",", visits.Select(p => p + 1))}");
        // Two cycles each: before point 1, before point 2 (990 -> 995 turns back from 1000 -> 990), before point 3.
        Assert.Equal([0, 0, 1, 1, 2, 2], visits);
        var events = rig.Events(EventKind.Operator).Where(e => e.Subject == $"scan #{scan!.Id}").Select(e => e.Message).Reverse().ToList();
        Assert.True(events.IndexOf("standardised before point 1") < events.FindIndex(m => m.StartsWith("point 1 reached", StringComparison.Ordinal)));
        Assert.True(events.IndexOf("standardised before point 3") > events.FindIndex(m => m.StartsWith("point 2 done", StringComparison.Ordinal)));
        Assert.Equal(985e6, core.EnergyEv, 1e-3);

        // Going on down without turning back, only the first point is standardised.
        double[] onward = [980e6, 975e6];
        var (next, started) = core.StartScan(ControlRig.Operator with { Confirmed = true }, onward, TimeSpan.Zero, 20e6, standardise: true);
        Assert.True(started.Applied, started.Message);
        Assert.Equal([0, 0], FullCurrentVisits(next!, onward));
    }

    [Fact]
    public async Task Bad_scans_are_refused_and_start_nothing()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        Assert.Contains("outside", core.StartScan(ControlRig.Operator, [900e6, 1100e6], TimeSpan.Zero).Result.Message);
        Assert.Contains("at least one", core.StartScan(ControlRig.Operator, [], TimeSpan.Zero).Result.Message);
        Assert.True(core.StartScan(ControlRig.Viewer, [900e6], TimeSpan.Zero).Result.Denied);
        Assert.Empty(core.Scans);
        Assert.DoesNotContain(core.Ramps, r => !r.Finished);
        var (first, _) = core.StartScan(ControlRig.Operator, [900e6], TimeSpan.Zero);
        Assert.Contains($"scan #{first!.Id}", core.StartScan(ControlRig.Operator, [950e6], TimeSpan.Zero).Result.Message);
    }
}
