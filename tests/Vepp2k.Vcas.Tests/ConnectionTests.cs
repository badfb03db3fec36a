using System.Diagnostics;
using System.Net.Sockets;
using Vepp2k.Control.History;
using Xunit.Abstractions;

namespace Vepp2k.Vcas.Tests;

/// <summary>Slots under a flood of idle connections: they are evicted and timed out, and clients that use the server keep it.</summary>
[Collection(nameof(RunningSystem))]
public sealed class ConnectionTests(RunningSystem rig, ITestOutputHelper log)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private const string Readback = "VEPP/QUAD/1F1/MCur.1";

    private static async Task<List<Socket>> OpenIdle(int port, int count)
    {
        var sockets = new List<Socket>();
        for (int batch = 0; batch < count; batch += 100)
            sockets.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, count - batch)).Select(async _ =>
            {
                var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                await s.ConnectAsync("127.0.0.1", port);
                return s;
            })));
        return sockets;
    }

    [Fact]
    public async Task TwoThousandIdleConnectionsLeaveRoomForClientsThatWork()
    {
        var options = new VcasServerOptions { Port = 0, Writers = VcasWriteRule.Loopback(Role.Operator) };
        await using var server = new VcasServer(rig.System.Registry, options);
        await server.StartAsync();
        using var watcher = await CxConnection.OpenAsync(server.Port);
        await watcher.SendAsync(CxWire.Subscribe(Readback));
        Assert.Equal(CxOutcome.Value, (await watcher.OutcomeAsync(Readback, Wait)).Outcome);

        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        int threadsBefore = Process.GetCurrentProcess().Threads.Count;
        var clock = Stopwatch.StartNew();
        int peakClients = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakClients = Math.Max(peakClients, server.ClientCount);
                await Task.Delay(10);
            }
        });
        var idle = await OpenIdle(server.Port, 2000);
        long heapWith = GC.GetTotalMemory(forceFullCollection: true);
        int threadsWith = Process.GetCurrentProcess().Threads.Count;
        log.WriteLine($"2000 idle connections opened in {clock.ElapsedMilliseconds} ms; server holds {server.ClientCount}");

        // A client that arrives now, at both limits, is served: CX subscribes, reads and writes.
        clock.Restart();
        using var cx = await CxConnection.OpenAsync(server.Port);
        await cx.SendAsync(CxWire.Subscribe(Readback));
        var (outcome, _, line, _) = await cx.OutcomeAsync(Readback, Wait);
        Assert.True(outcome == CxOutcome.Value, $"newcomer got '{line}'");
        const string setpoint = "VEPP/QUAD/1F1/SCur";
        await cx.SendAsync(CxWire.Subscribe(setpoint));
        var (_, current, _, _) = await cx.OutcomeAsync(setpoint, Wait);
        await cx.SendAsync(CxWire.SetDouble(setpoint, current));
        await cx.SendAsync("name:Clients|method:get\n");
        for (string? l; (l = await cx.LineAsync(Wait)) is not null && !l.StartsWith("name:Clients|", StringComparison.Ordinal);)
            Assert.False(l.StartsWith(setpoint + "|", StringComparison.Ordinal) && l.Contains("|val:error|"), l);
        log.WriteLine($"newcomer subscribed, read and wrote in {clock.ElapsedMilliseconds} ms");

        // The subscribed client was never evicted: its updates still come.
        Assert.Equal(CxOutcome.Value, (await watcher.OutcomeAsync(Readback, Wait)).Outcome);
        await sampling.CancelAsync();
        await sampler;

        // The idle ones were closed with a reason, not kept: read what each got.
        int closed = 0;
        foreach (var s in idle)
        {
            s.ReceiveTimeout = 1;
            var buffer = new byte[2048];
            try { if (s.Available > 0 && s.Receive(buffer) > 0) closed++; }
            catch (SocketException) { }
            s.Dispose();
        }
        log.WriteLine($"peak {peakClients} connections held (limits {options.MaxClientsPerHost} per host, {options.MaxClients} in all); " +
            $"{closed} idle connections had been sent their closing line; heap {heapBefore / 1e6:F1} -> {heapWith / 1e6:F1} MB, threads {threadsBefore} -> {threadsWith}");
        Assert.InRange(peakClients, 1, options.MaxClients);
        Assert.True(closed >= 2000 - options.MaxClientsPerHost, $"only {closed} idle connections were evicted");
        Assert.True(heapWith - heapBefore < 50_000_000, $"heap grew {(heapWith - heapBefore) / 1e6:F1} MB");
        Assert.True(threadsWith - threadsBefore < 50, $"threads {threadsBefore} -> {threadsWith}");
    }

    [Fact]
    public async Task SilentAndIdleConnectionsTimeOutButWatchersStay()
    {
        var options = new VcasServerOptions { Port = 0, FirstRequestTimeout = TimeSpan.FromSeconds(1), IdleTimeout = TimeSpan.FromSeconds(3) };
        await using var server = new VcasServer(rig.System.Registry, options);
        await server.StartAsync();
        using var silent = await CxConnection.OpenAsync(server.Port);
        using var talker = await CxConnection.OpenAsync(server.Port);
        using var watcher = await CxConnection.OpenAsync(server.Port);
        await talker.SendAsync($"name:{Readback}|method:get\n");
        Assert.StartsWith($"name:{Readback}|", await talker.LineAsync(Wait));
        await watcher.SendAsync(CxWire.Subscribe(Readback));
        var clock = Stopwatch.StartNew();

        var farewell = await silent.LineAsync(Wait);
        Assert.Contains("|val:error|descr:closed", farewell);
        Assert.Null(await silent.LineAsync(Wait));
        var silentAfter = clock.Elapsed;

        var idleFarewell = await talker.LineAsync(Wait);
        Assert.Contains("|val:error|descr:closed", idleFarewell);
        Assert.Null(await talker.LineAsync(Wait));
        var idleAfter = clock.Elapsed;
        log.WriteLine($"silent closed after {silentAfter.TotalSeconds:F1} s ('{farewell}'), idle after {idleAfter.TotalSeconds:F1} s ('{idleFarewell}')");
        Assert.InRange(silentAfter.TotalSeconds, 0, 2.5);
        Assert.InRange(idleAfter.TotalSeconds, 2, 5);

        Assert.Equal(CxOutcome.Value, (await watcher.OutcomeAsync(Readback, Wait)).Outcome);
        for (var deadline = DateTime.UtcNow + Wait; server.ClientCount > 1 && DateTime.UtcNow < deadline;) await Task.Delay(20); // the server forgets a session just after its socket closes
        Assert.Equal(1, server.ClientCount);
    }
}
