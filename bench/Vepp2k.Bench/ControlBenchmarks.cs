using BenchmarkDotNet.Attributes;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Bench;

/// <summary>
/// Control-core budgets: channel fan-out (100 000 updates to 10 in-process subscribers, each
/// draining its queue on its own task; target 100 000 updates/s) and saving a working set of every
/// setting of the running system (a fresh read and one store transaction; target under 50 ms).
/// </summary>
[MemoryDiagnoser]
public class ControlBenchmarks
{
    private const int Updates = 100_000;
    private const int Subscribers = 10;
    private ChannelRegistry registry = null!;
    private Channel[] channels = null!;
    private ChannelSubscription[] subscriptions = null!;
    private ControlSystem system = null!;
    private string folder = null!;
    private int round;

    [GlobalSetup]
    public void Setup()
    {
        registry = new ChannelRegistry(TimeProvider.System);
        channels = [.. Enumerable.Range(0, 1000).Select(i => registry.Add(new ChannelSpec { Path = $"BENCH/C{i}" }, ChannelValue.Of(0)))];
        registry.Freeze();
        subscriptions = [.. Enumerable.Range(0, Subscribers).Select(_ => registry.Subscribe(_ => true, Updates * 2))];
        folder = Path.Combine(Path.GetTempPath(), "vepp2k-bench-" + Guid.NewGuid().ToString("N"));
        system = ControlSystem.Start(new ControlSystemOptions { DataFolder = folder, AdminPassword = "bench-password" }, TimeProvider.System);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        system.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(folder, true);
    }

    /// <summary>Posts 100 000 changing values and waits until all 10 subscribers have read all of them.</summary>
    [Benchmark(OperationsPerInvoke = Updates)]
    public long FanOut()
    {
        var readers = subscriptions.Select(s => Task.Run(async () =>
        {
            long n = 0;
            while (n < Updates && await s.Reader.WaitToReadAsync())
                while (n < Updates && s.Reader.TryRead(out _)) n++;
            return n;
        })).ToArray();
        var now = DateTimeOffset.UtcNow;
        round++;
        for (int i = 0; i < Updates; i++) channels[i % channels.Length].Post(round * Updates + i, now);
        Task.WaitAll(readers);
        return readers.Sum(r => r.Result) + subscriptions.Sum(s => s.Dropped);
    }

    [Benchmark]
    public int SaveAllSettings() =>
        system.WorkingSets.Save(new WriteContext("bench", Role.Operator, "bench"), "bench", "", []).Items.Count;
}
