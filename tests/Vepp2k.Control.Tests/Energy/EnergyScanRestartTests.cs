using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;
using Vepp2k.Control.Tests.Core;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>Energy scans kept in the data folder: a restart brings a running scan back paused, storage failures are reported.</summary>
public sealed class EnergyScanRestartTests : IDisposable
{
    private readonly string _folder = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "vepp2k-scan-" + Guid.NewGuid().ToString("N"));
    private readonly ManualTimeProvider _clock = new();

    private ControlSystem Start() =>
        ControlSystem.Start(new ControlSystemOptions { DataFolder = _folder, Mode = "design-1GeV", AdminPassword = "admin-password" }, _clock);

    private static IReadOnlyList<EventRecord> Events(ControlSystem s) => s.Store.QueryEvents(new EventQuery(Limit: 100_000));

    [Fact]
    public async Task A_scan_running_when_the_server_stops_comes_back_paused_at_its_point_and_resumes_to_the_end()
    {
        double[] energies = [990e6, 980e6, 985e6];
        long id;
        await using (var first = Start())
        {
            var (scan, result) = first.Core.StartScan(ControlRig.Operator, energies, TimeSpan.FromSeconds(3), 20e6);
            Assert.True(result.Applied, result.Message);
            id = scan!.Id;
            for (int i = 0; i < 10_000 && !(scan.Index == 1 && scan.RampId is not null); i++) _clock.Run(first, 0.1);
            Assert.Equal(1, scan.Index);
        }

        var restarted = _clock.GetUtcNow();
        await using var second = Start();
        var back = Assert.Single(second.Core.Scans);
        Assert.Equal(id, back.Id);
        Assert.Equal(ScanState.Paused, back.State);
        Assert.Equal("server restarted", back.Reason);
        Assert.Equal(1, back.Index);
        Assert.Equal(energies, back.EnergiesEv);
        Assert.Equal(TimeSpan.FromSeconds(3), back.Dwell);
        Assert.Null(back.RampId);
        Assert.Contains(Events(second), e => e.Subject == $"scan #{id}" && e.Message == "scan paused" && e.Result.Contains("server restarted"));
        // Nothing moves until an operator resumes it; a new scan is refused meanwhile, and numbers go on.
        _clock.Run(second, 2);
        Assert.Equal(ScanState.Paused, back.State);
        Assert.Contains($"scan #{id}", second.Core.StartScan(ControlRig.Operator, [950e6], TimeSpan.Zero).Result.Message);

        Assert.True(second.Core.ControlScan(ControlRig.Operator, id, "resume").Applied);
        for (int i = 0; i < 20_000 && !back.Finished; i++) _clock.Run(second, 0.1);
        Assert.Equal(ScanState.Completed, back.State);
        Assert.Equal(985e6, second.Core.EnergyEv, 1e-3);
        var reached = Events(second).Where(e => e.Subject == $"scan #{id}" && e.Message.StartsWith("point", StringComparison.Ordinal) && e.Message.Contains("reached"))
            .Select(e => (e.Message[..7], e.Time >= restarted)).OrderBy(p => p.Item1).ToList();
        // One log across both runs (the same store): point 1 before the restart, points 2 and 3 after it.
        Assert.Equal([("point 1", false), ("point 2", true), ("point 3", true)], reached);
        Assert.True(second.Core.StartScan(ControlRig.Operator, [990e6], TimeSpan.Zero).Scan!.Id > id);
    }

    [Fact]
    public async Task A_scan_store_that_fails_is_reported_and_retried_and_an_unreadable_file_is_set_aside()
    {
        Directory.CreateDirectory(_folder);
        string file = Path.Combine(_folder, "energy-scans.json");
        await File.WriteAllTextAsync(file, "{ not a list");
        await using var system = Start();
        Assert.Contains(Events(system), e => e.Message == "the scans of the last run could not be read" && e.Result.Contains("kept as"));
        Assert.Single(Directory.GetFiles(_folder, "energy-scans.json.unreadable-*"));

        // The temporary file's name taken by a folder: every write fails until it is gone.
        Directory.CreateDirectory(file + ".tmp");
        var (scan, result) = system.Core.StartScan(ControlRig.Operator, [995e6], TimeSpan.FromSeconds(1), 20e6);
        Assert.True(result.Applied, result.Message);
        _clock.Run(system, 1);
        Assert.Single(Events(system), e => e.Message.StartsWith("scan progress not stored", StringComparison.Ordinal));
        Directory.Delete(file + ".tmp");
        _clock.Run(system, 0.2);
        Assert.Contains(Events(system), e => e.Message == "scan progress stored again");
        var stored = Assert.Single(new EnergyScanFile(_folder).Load());
        Assert.Equal(scan!.Id, stored.Id);
        Assert.Equal(scan.State, stored.State);
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}
