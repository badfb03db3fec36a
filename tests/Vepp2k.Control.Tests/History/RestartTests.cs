using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Tests.History;

/// <summary>What survives a stop and a start: unsaved events, the marks of the gap, the archive-loss total.</summary>
public class RestartTests
{
    private static readonly WriteContext Alice = new("alice", Role.Operator, "test");

    private static ControlSystemOptions Options(TempFolder folder) => new() { DataFolder = folder.Path, AdminPassword = "admin-password" };

    [Fact]
    public async Task EventsTheStoreRefusesUntilShutdownAreSpilledToAFileAndStoredAtTheNextStart()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        var store = new GatedStore(folder.Path);
        var first = ControlSystem.Start(Options(folder), clock, store);
        store.FailEvents = true;
        var set = first.Core.Set(Alice, [("1F1", first.Machine.Get("1F1").Supply.Setpoint - 5)], Units.Hardware, "move during the outage");
        Assert.True(set.Applied, set.Message);
        var during = clock.GetUtcNow();
        Assert.True(first.Core.Journal.Pending > 0);
        await first.DisposeAsync();

        var spill = Assert.Single(Directory.GetFiles(folder.Path, "events-unsaved-*.jsonl"));
        Assert.Contains("move during the outage", File.ReadAllText(spill));

        await using var second = ControlSystem.Start(Options(folder), clock);
        var events = second.Store.QueryEvents(new EventQuery(Limit: 10_000));
        var move = Assert.Single(events, e => e.Message.StartsWith("move during the outage", StringComparison.Ordinal));
        Assert.Equal("alice", move.User);
        Assert.Equal(during, move.Time);
        Assert.Contains(events, e => e.Message == HistoryGaps.Stopped);
        Assert.Contains(events, e => e.Kind == EventKind.System && e.Message.StartsWith("recovered", StringComparison.Ordinal) && e.Result.Contains(spill));
        Assert.Empty(Directory.GetFiles(folder.Path, "events-unsaved-*.jsonl"));
    }

    [Fact]
    public async Task StartAndStopAreEventsAndTheGapBetweenRunsIsReported()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        var t0 = clock.GetUtcNow();
        await using (var first = ControlSystem.Start(Options(folder), clock))
        {
            clock.Run(first, 5);
            await first.Archiver.FlushAsync();
        }
        var stopped = clock.GetUtcNow();
        clock.Advance(TimeSpan.FromHours(2));
        var restart = clock.GetUtcNow();
        await using var second = ControlSystem.Start(Options(folder), clock);

        var marks = second.Store.QueryEvents(new EventQuery(Subject: HistoryGaps.Subject, Limit: 100)).Select(e => e.Message).Reverse().ToList();
        Assert.Equal([HistoryGaps.Started, HistoryGaps.Stopped, HistoryGaps.Started], marks);
        var gap = Assert.Single(HistoryGaps.In(second.Store, t0, restart));
        Assert.True(gap.CleanStop);
        Assert.Equal(restart, gap.To);
        Assert.Equal(stopped, gap.From);
        // Independent check: the store really holds nothing inside the gap.
        Assert.Empty(second.Store.QuerySamples("VEPP/QUAD/1F1/MCur.1", gap.From.AddTicks(10), gap.To.AddTicks(-10)));
        Assert.Empty(second.Store.QueryEvents(new EventQuery(From: gap.From.AddTicks(10), To: gap.To.AddTicks(-10))));
    }

    [Fact]
    public async Task AStartAfterACrashReportsAnUncleanGap()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        var t0 = clock.GetUtcNow();
        using (var store = new SqliteControlStore(folder.Path))
        {
            // A run that started, logged one action and died without ServerStopped.
            store.AppendEvent(new EventRecord(0, t0, EventKind.State, "system", HistoryGaps.Subject, HistoryGaps.Started, null, null, "first start"));
            store.AppendEvent(new EventRecord(0, t0.AddSeconds(30), EventKind.Operator, "alice", "VEPP/QUAD/1F1/SCur", "set", "1", "2", "applied"));
        }
        clock.Advance(TimeSpan.FromMinutes(10));
        await using var system = ControlSystem.Start(Options(folder), clock);
        var gap = Assert.Single(HistoryGaps.In(system.Store, t0, clock.GetUtcNow()));
        Assert.False(gap.CleanStop);
        Assert.Equal(t0.AddSeconds(30), gap.From);
    }

    [Fact]
    public async Task ArchiveLossesAreCountedAcrossRestarts()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        var store = new GatedStore(folder.Path) { Fail = true };
        long lost;
        await using (var first = ControlSystem.Start(Options(folder), clock, store))
        {
            clock.Run(first, 1);
            await first.Archiver.FlushAsync();
            lost = first.Archiver.Lost;
        }
        Assert.True(lost > 0);

        await using var second = ControlSystem.Start(Options(folder), clock);
        clock.Run(second, 0.2);
        Assert.Equal(lost, second.Registry.Get("VEPP/Control/ArchiveLostTotal").Snapshot().Value.Number);
        Assert.Equal(0, second.Registry.Get("VEPP/Control/ArchiveLost").Snapshot().Value.Number);
    }
}
