using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;
using Vepp2k.Control.Runtime;

namespace Vepp2k.ArchiveRate;

/// <summary>What one run measured: archive growth per simulated day, and whether the operator's traces all survived.</summary>
public sealed record ArchiveResult(double SimulatedHours, double WallSeconds, long Ticks, long Bytes, double BytesPerDay,
    int SetpointsWritten, int SetpointsKept, int AlarmsRaised, int AlarmsKept, IReadOnlyList<(string Kind, long Rows)> RowsByKind)
{
    public string Summary() => string.Join(Environment.NewLine,
        [
            string.Create(CultureInfo.InvariantCulture, $"simulated {SimulatedHours:F2} h in {WallSeconds:F0} s wall, {Ticks} device-loop ticks ({Ticks / (SimulatedHours * 3600):F2} Hz simulated)"),
            string.Create(CultureInfo.InvariantCulture, $"archive grew {Bytes / 1e6:F2} MB: {BytesPerDay / 1e6:F1} MB per simulated day"),
            .. RowsByKind.Select(r => string.Create(CultureInfo.InvariantCulture, $"  samples of {r.Kind,-12} {r.Rows,10}  ({r.Rows / (SimulatedHours / 24):F0} per day)")),
            $"setpoint writes kept in the archive and the event log: {SetpointsKept} of {SetpointsWritten}",
            $"supply trips kept as alarm raise + clear events and MAJOR samples: {AlarmsKept} of {AlarmsRaised}",
        ]);
}

/// <summary>
/// Runs the simulated machine at its default options on a <see cref="ScaledTimeProvider"/> and
/// measures how fast the SQLite archive grows. The device loop keeps its simulated 10 Hz: its wall
/// period is the default 100 ms divided by the time scale (a ScaledTimeProvider's timers run on the
/// wall clock, so the default period would step 100 ms x scale of machine time per tick and
/// undersample the readback noise the deadbands are there for).
/// </summary>
public static class ArchiveRun
{
    public static async Task<ArchiveResult> Run(BenchOptions o, TextWriter progress)
    {
        string folder = o.DataFolder ?? Path.Combine(Path.GetTempPath(), "vepp2k-archive-rate-" + Guid.NewGuid().ToString("N"));
        var defaults = new ControlSystemOptions();
        var options = defaults with { DataFolder = folder, AdminPassword = "bench-password", TickPeriod = defaults.TickPeriod / o.TimeScale };
        var time = new ScaledTimeProvider(o.TimeScale);
        var wall = Stopwatch.StartNew();
        var system = ControlSystem.Start(options, time);
        var script = new OperatorScript(system);
        var start = time.GetUtcNow();
        var end = start + TimeSpan.FromHours(o.Hours);
        await system.Archiver.FlushAsync();
        long startBytes = Bytes(folder);
        long ticks = 0;
        using (var timer = new PeriodicTimer(options.TickPeriod))
        {
            var nextReport = start;
            while (await timer.WaitForNextTickAsync())
            {
                var now = time.GetUtcNow();
                if (now >= end) break;
                system.Step();
                // The operator stops a minute before the end, so the last ramp arrives and its target is archived.
                if (now < end - TimeSpan.FromMinutes(1)) script.Step(now);
                ticks++;
                if (now >= nextReport)
                {
                    progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {(now - start).TotalHours:F2} h simulated, {Bytes(folder) / 1e6:F1} MB"));
                    nextReport = now + TimeSpan.FromMinutes(15);
                }
            }
        }
        await system.Archiver.FlushAsync();
        var (setKept, alarmsKept) = Verify(system.Store, script);
        await system.DisposeAsync();
        SqliteConnection.ClearAllPools();
        long bytes = Bytes(folder) - startBytes;
        double hours = (end - start).TotalHours;
        var rows = RowsByKind(folder);
        if (o.DataFolder is null) Directory.Delete(folder, true);
        return new ArchiveResult(hours, wall.Elapsed.TotalSeconds, ticks, bytes, bytes / (hours / 24),
            script.Writes.Count, setKept, script.Trips.Count, alarmsKept, rows);
    }

    /// <summary>Checks every write and every trip against the store: a sample with the value written, the events.</summary>
    private static (int Setpoints, int Alarms) Verify(IControlStore store, OperatorScript script)
    {
        var far = DateTimeOffset.MaxValue.AddDays(-1);
        int setKept = script.Writes.Count(w =>
            store.QuerySamples(w.Channel, w.Time, far, 100_000).Any(s => s.Value == w.Value)
            && store.QueryEvents(new EventQuery(From: w.Time, Subject: w.Channel, User: "bench", Limit: 10)).Count > 0);
        int alarmsKept = script.Trips.Count(t =>
        {
            var events = store.QueryEvents(new EventQuery(From: t.Time, Kind: EventKind.Alarm, Subject: t.Channel, Limit: 10));
            bool raised = events.Any(e => e.Message != "alarm cleared"), cleared = events.Any(e => e.Message == "alarm cleared");
            return raised && cleared && store.QuerySamples(t.Channel, t.Time, far, 100_000).Any(s => s.Severity == 2);
        });
        return (setKept, alarmsKept);
    }

    private static long Bytes(string folder) =>
        Directory.GetFiles(folder, SqliteControlStore.FileName + "*").Sum(f => new FileInfo(f).Length);

    /// <summary>Samples per channel kind (the last path element: MCur.1, Deviation, SCur, ...).</summary>
    private static List<(string, long)> RowsByKind(string folder)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(folder, SqliteControlStore.FileName)};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT channel, COUNT(*) FROM samples GROUP BY channel";
        var byKind = new Dictionary<string, long>();
        using var r = cmd.ExecuteReader();
        while (r.Read())
        {
            string kind = r.GetString(0)[(r.GetString(0).LastIndexOf('/') + 1)..];
            byKind[kind] = byKind.GetValueOrDefault(kind) + r.GetInt64(1);
        }
        return [.. byKind.OrderByDescending(k => k.Value).Select(k => (k.Key, k.Value))];
    }
}
