using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Vepp2k.Epics.Tests;

/// <summary>
/// Clients cannot take the server down: a flood of idle connections (about 8,900 of them used to
/// exhaust the process with two threads per circuit) leaves well-behaved clients served, quiet
/// circuits time out, and circuits holding channels are never the ones closed to make room.
/// </summary>
public class CircuitLimitTests
{
    private static async Task<CaServer> StartAsync(CaServerOptions options)
    {
        var server = new CaServer(TestChannels.Build(), options with { Port = 0, BeaconPort = ServerTests.FreeUdpPort() });
        await server.StartAsync();
        return server;
    }

    [Fact]
    public async Task Twenty_thousand_idle_connections_leave_well_behaved_clients_served()
    {
        await using var server = await StartAsync(new CaServerOptions());
        // A client that was working before the flood...
        await using var early = await RawClient.ConnectAsync(server.Port);
        uint earlySid = await early.OpenAsync("TST:RO");
        int threadsBefore = Process.GetCurrentProcess().Threads.Count;

        // ...then 20,000 connections that never send a byte, from two processes (each process may hold
        // at most 20,000 descriptors here).
        var flooding = Stopwatch.StartNew();
        var floods = new[] { Flood(server.Port, 10_000), Flood(server.Port, 10_000) };
        try
        {
            // While the flood is still connecting, a newcomer is served.
            await Task.Delay(2000);
            var served = Stopwatch.StartNew();
            await using var late = await RawClient.ConnectAsync(server.Port);
            uint lateSid = await late.OpenAsync("TST:RO");
            Assert.Equal(1.25, (await late.ReadAsync(lateSid, 6, 7)).F64(0));
            Console.WriteLine($"newcomer connected and read in {served.Elapsed.TotalMilliseconds:F0} ms during the flood");

            var lines = await Task.WhenAll(floods.Select(f => f.StandardOutput.ReadLineAsync()));
            Assert.All(lines, l => Assert.Equal("connected 10000 failed 0", l));
            Console.WriteLine($"20,000 connections opened in {flooding.Elapsed.TotalSeconds:F1} s");

            // Both clients' circuits survived the whole flood.
            Assert.Equal(1.25, (await early.ReadAsync(earlySid, 6, 1)).F64(0));
            Assert.Equal(1.25, (await late.ReadAsync(lateSid, 6, 8)).F64(0));

            // The server held at most its per-host limit and evicted the rest; no thread per circuit.
            Assert.InRange(server.ClientCount, 2, new CaServerOptions().MaxCircuitsPerHost);
            Assert.True(server.EvictedCircuits >= 20_000 - new CaServerOptions().MaxCircuitsPerHost, $"evicted {server.EvictedCircuits}");
            Assert.Equal(0, server.RefusedConnections);
            Assert.InRange(Process.GetCurrentProcess().Threads.Count, 1, threadsBefore + 50);
        }
        finally
        {
            foreach (var f in floods)
            {
                f.StandardInput.Close();
                if (!f.WaitForExit(10_000)) f.Kill();
                f.Dispose();
            }
        }
    }

    [Fact]
    public async Task A_connection_that_never_speaks_is_closed_after_the_handshake_timeout()
    {
        await using var server = await StartAsync(new CaServerOptions { HandshakeTimeout = TimeSpan.FromSeconds(1) });
        using var mute = new TcpClient();
        await mute.ConnectAsync(IPAddress.Loopback, server.Port);
        var stopwatch = Stopwatch.StartNew();
        var buffer = new byte[64];
        var stream = mute.GetStream();
        // The server's VERSION comes first, then the end of the stream.
        int total = 0, n;
        using var cts = new CancellationTokenSource(10_000);
        while ((n = await stream.ReadAsync(buffer, cts.Token)) > 0) total += n;
        Assert.Equal(16, total);
        Assert.InRange(stopwatch.Elapsed.TotalSeconds, 0.9, 8); // 1 s timeout, swept once a second; generous for a loaded machine
        Assert.Equal(1, server.TimedOutCircuits);
    }

    [Fact]
    public async Task A_circuit_without_channels_times_out_one_with_channels_does_not()
    {
        await using var server = await StartAsync(new CaServerOptions { HandshakeTimeout = TimeSpan.FromSeconds(1), IdleTimeout = TimeSpan.FromSeconds(1) });
        await using var idle = await RawClient.ConnectAsync(server.Port);
        await idle.SendAsync(Msg.Bytes(0, 0, 13), Msg.Bytes(20, payload: Msg.Text("idle")));
        await using var working = await RawClient.ConnectAsync(server.Port);
        uint sid = await working.OpenAsync("TST:RO");

        await idle.ReadToEndAsync(timeoutMs: 5000);
        await Task.Delay(1500);
        Assert.Equal(1.25, (await working.ReadAsync(sid, 6, 3)).F64(0));
        Assert.Equal(1, server.TimedOutCircuits);
    }

    [Fact]
    public async Task At_the_limit_with_every_circuit_holding_channels_the_newcomer_is_refused()
    {
        await using var server = await StartAsync(new CaServerOptions { MaxCircuitsPerHost = 2 });
        await using var a = await RawClient.ConnectAsync(server.Port);
        uint sa = await a.OpenAsync("TST:RO");
        await using var b = await RawClient.ConnectAsync(server.Port);
        uint sb = await b.OpenAsync("TST:ENUM");

        await using var c = await RawClient.ConnectAsync(server.Port);
        Assert.Empty(await c.ReadToEndAsync(timeoutMs: 5000));
        Assert.Equal(1, server.RefusedConnections);
        Assert.Equal(1.25, (await a.ReadAsync(sa, 6, 1)).F64(0));
        Assert.Equal("On", (await b.ReadAsync(sb, 0, 2)).Str(0, 40));
    }

    private static Process Flood(int port, int count)
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "py", "flood.py"));
        start.ArgumentList.Add(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(start)!;
    }
}
