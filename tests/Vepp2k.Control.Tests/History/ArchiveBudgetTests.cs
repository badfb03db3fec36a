using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Tests.History;

/// <summary>
/// The archive is bounded without losing what matters: noise does not fill it, every operator
/// setpoint and every alarm is kept, quiet channels still get a heartbeat, old samples expire.
/// </summary>
public class ArchiveBudgetTests
{
    private static readonly WriteContext Alice = new("alice", Role.Operator, "test");

    private static ControlSystemOptions Options(TempFolder folder) => new() { DataFolder = folder.Path, AdminPassword = "admin-password" };

    private static long Rows(ControlSystem system, DateTimeOffset from, DateTimeOffset to, Func<Channel, bool> which) =>
        system.Registry.All.Where(which).Sum(c => (long)system.Store.QuerySamples(c.Spec.Path, from, to).Count);

    [Fact]
    public async Task ASteadyMachineArchivesWithinTheDailyBudget()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        await using var system = ControlSystem.Start(Options(folder), clock);
        clock.Run(system, 5);
        var from = clock.GetUtcNow();
        clock.Run(system, 60);
        await system.Archiver.FlushAsync();
        var to = clock.GetUtcNow();
        // The budget is 200 MB a day; at no less than 50 bytes a row (value, time, channel, two
        // indexes) that is 4e6 rows a day, 2800 a minute. Noise alone must stay far below.
        long all = Rows(system, from, to, _ => true);
        Assert.InRange(all, 0, 2800 / 4);
        // The 101 deviation channels were 91 % of the archive, one row per channel per tick; with a
        // steady machine they hold still inside their deadband.
        Assert.InRange(Rows(system, from, to, c => c.Spec.Path.EndsWith("/Deviation", StringComparison.Ordinal)), 0, 10);
    }

    [Fact]
    public async Task EverySetpointAnOperatorWritesAndEveryAlarmIsArchivedHoweverSmall()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        await using var system = ControlSystem.Start(Options(folder), clock);
        clock.Run(system, 1);
        var set = system.Registry.Get("VEPP/QUAD/1F1/SCur");
        double start = set.Snapshot().Value.Number;
        // Steps far below any readback deadband (the supply's noise is larger).
        var written = new List<double>();
        for (int i = 1; i <= 5; i++)
        {
            double v = start + i * 1e-5;
            Assert.True(set.Write(ChannelValue.Of(v), Alice).Applied);
            written.Add(v);
            clock.Run(system, 2);
        }
        var corrector = system.Machine.Elements.First(e => e.Subsystem == "correctors");
        system.Simulator!.Supply(corrector.Name).SetFault(InterlockBits.Water, true);
        clock.Run(system, 1);
        await system.Archiver.FlushAsync();

        var samples = system.Store.QuerySamples(set.Spec.Path, DateTimeOffset.MinValue.AddDays(1), clock.GetUtcNow());
        Assert.All(written, v => Assert.Contains(samples, s => s.Value == v));
        var status = system.Store.QuerySamples(corrector.Path + "/Status", DateTimeOffset.MinValue.AddDays(1), clock.GetUtcNow());
        Assert.Contains(status, s => s.Severity == (int)AlarmSeverity.Major && s.Value == (int)SupplyState.Interlock);
    }

    [Fact]
    public async Task EveryChannelGetsAHeartbeatSampleWhileItHoldsStill()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        var heartbeat = TimeSpan.FromSeconds(30);
        await using var system = ControlSystem.Start(Options(folder) with { ArchiveHeartbeat = heartbeat }, clock);
        var from = clock.GetUtcNow();
        clock.Run(system, 95);
        await system.Archiver.FlushAsync();
        // Integers, enums and doubles that never change: interlock bits, the power switch, the setpoint.
        foreach (var path in new[] { "VEPP/QUAD/1F1/Ilk", "VEPP/QUAD/1F1/Power", "VEPP/QUAD/1F1/SCur", "VEPP/Control/EventsPending" })
        {
            var times = system.Store.QuerySamples(path, from, clock.GetUtcNow()).Select(s => s.Time).ToList();
            Assert.True(times.Count >= 3, $"{path}: {times.Count} sample(s) in 95 s");
            Assert.All(times.Zip(times.Skip(1)), p => Assert.InRange((p.Second - p.First).TotalSeconds, 0, heartbeat.TotalSeconds + 1.01));
        }
    }

    [Fact]
    public async Task SamplesOlderThan90DaysArePrunedByDefaultAndEventsAreKept()
    {
        using var folder = new TempFolder();
        var clock = new ManualTimeProvider();
        var now = clock.GetUtcNow();
        using (var store = new SqliteControlStore(folder.Path))
        {
            store.AppendSamples([new ArchiveSample("VEPP/QUAD/1F1/SCur", now.AddDays(-91), 1, 0), new ArchiveSample("VEPP/QUAD/1F1/SCur", now.AddDays(-89), 2, 0)]);
            store.AppendEvent(new EventRecord(0, now.AddYears(-3), EventKind.Operator, "alice", "VEPP/QUAD/1F1/SCur", "set", "1", "2", "applied"));
        }
        await using var system = ControlSystem.Start(Options(folder), clock);
        var old = now.AddDays(-100);
        for (int i = 0; i < 200 && system.Store.QuerySamples("VEPP/QUAD/1F1/SCur", old, now.AddDays(-1)).Count > 1; i++) await Task.Delay(50);
        Assert.Equal([2.0], system.Store.QuerySamples("VEPP/QUAD/1F1/SCur", old, now.AddDays(-1)).Select(s => s.Value));
        Assert.Single(system.Store.QueryEvents(new EventQuery(To: now.AddYears(-2))));
    }
}
