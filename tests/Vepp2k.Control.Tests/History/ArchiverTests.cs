using System.Collections.Concurrent;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;

namespace Vepp2k.Control.Tests.History;

public sealed class ArchiverTests : IDisposable
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static ArchiveSample Sample(int i, string channel = "VEPP/QUAD/1F1/Cur") => new(channel, T0.AddMilliseconds(i), i * 0.5, i % 3);

    private int Stored(IControlStore store, string channel = "VEPP/QUAD/1F1/Cur") => store.QuerySamples(channel, T0.AddDays(-1), T0.AddDays(1), int.MaxValue).Count;

    [Fact]
    public async Task Flush_returns_when_everything_offered_is_in_the_store()
    {
        using var store = new SqliteControlStore(_folder.Path);
        await using var archiver = new Archiver(store, TimeProvider.System, capacity: 50_000, maxBatch: 3000);
        for (int i = 0; i < 20_000; i++) Assert.True(archiver.Offer(Sample(i)));
        await archiver.FlushAsync().WaitAsync(Wait);
        var back = store.QuerySamples("VEPP/QUAD/1F1/Cur", T0, T0.AddDays(1), int.MaxValue);
        Assert.Equal(Enumerable.Range(0, 20_000).Select(i => Sample(i)), back);
        Assert.Equal(0, archiver.Lost);
    }

    [Fact]
    public async Task Samples_beyond_the_capacity_are_counted_and_reported_not_dropped_silently()
    {
        using var store = new GatedStore(_folder.Path);
        var reports = new ConcurrentQueue<ArchiveLoss>();
        await using var archiver = new Archiver(store, TimeProvider.System, capacity: 100);
        archiver.LossReported += reports.Enqueue;
        store.Close();
        Assert.True(archiver.Offer(Sample(0)));
        Assert.True(store.WaitEntered(Wait)); // the writer holds sample 0 at the gate; the queue is empty
        int accepted = Enumerable.Range(1, 1000).Count(i => archiver.Offer(Sample(i)));
        Assert.Equal(100, accepted);
        Assert.Equal(900, archiver.Lost);
        store.Open();
        await archiver.FlushAsync().WaitAsync(Wait);
        Assert.Equal(101, Stored(store));
        var report = Assert.Single(reports);
        Assert.Equal(new ArchiveLoss(900, 900, null), report);
    }

    [Fact]
    public async Task A_store_failure_loses_the_batch_visibly_and_the_archiver_keeps_running()
    {
        using var store = new GatedStore(_folder.Path) { Fail = true };
        var reports = new ConcurrentQueue<ArchiveLoss>();
        await using var archiver = new Archiver(store, TimeProvider.System, capacity: 1000);
        archiver.LossReported += reports.Enqueue;
        for (int i = 0; i < 10; i++) archiver.Offer(Sample(i));
        await archiver.FlushAsync().WaitAsync(Wait);
        Assert.Equal(10, archiver.Lost);
        var report = Assert.Single(reports);
        Assert.Equal((10, 10), (report.Count, report.TotalLost));
        Assert.Contains("disk is full", Assert.IsType<StorageException>(report.Error).Message);

        store.Fail = false;
        for (int i = 10; i < 15; i++) archiver.Offer(Sample(i));
        await archiver.FlushAsync().WaitAsync(Wait);
        Assert.Equal(5, Stored(store));
        Assert.Equal(10, archiver.Lost);
        Assert.Single(reports);
    }

    [Fact]
    public async Task Samples_are_gathered_into_batches_not_written_one_by_one()
    {
        using var store = new GatedStore(_folder.Path);
        await using (var archiver = new Archiver(store, TimeProvider.System, capacity: 10_000, maxBatch: 1000, interval: TimeSpan.FromMilliseconds(200)))
        {
            for (int i = 0; i < 2500; i++) archiver.Offer(Sample(i));
        }
        // 2500 samples offered within one gathering window: at most ceil(2500/1000) + 1 (the first sample may go alone).
        Assert.InRange(store.Batches, 3, 4);
        Assert.Equal(2500, Stored(store));
    }

    [Fact]
    public async Task Dispose_writes_what_is_queued_and_later_offers_are_refused()
    {
        using var store = new SqliteControlStore(_folder.Path);
        var archiver = new Archiver(store, TimeProvider.System, capacity: 10_000);
        for (int i = 0; i < 777; i++) archiver.Offer(Sample(i));
        await archiver.DisposeAsync();
        Assert.Equal(777, Stored(store));
        Assert.Throws<ObjectDisposedException>(() => archiver.Offer(Sample(1)));
    }

    [Fact]
    public async Task A_sample_that_cannot_be_stored_is_refused_at_the_door()
    {
        using var store = new SqliteControlStore(_folder.Path);
        await using var archiver = new Archiver(store, TimeProvider.System, capacity: 10);
        Assert.Throws<ArgumentException>(() => archiver.Offer(new ArchiveSample("X", T0, double.NaN, 0)));
        Assert.Throws<ArgumentException>(() => archiver.Offer(new ArchiveSample("", T0, 1, 0)));
        Assert.Equal(0, archiver.Lost);
    }
}
