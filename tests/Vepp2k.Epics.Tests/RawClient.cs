using System.Net;
using System.Net.Sockets;

namespace Vepp2k.Epics.Tests;

/// <summary>A bare CA client over a real socket: send bytes, wait for a message matching a condition.</summary>
internal sealed class RawClient : IAsyncDisposable
{
    private readonly TcpClient _tcp = new() { NoDelay = true };
    private readonly List<byte> _unread = [];
    private readonly Queue<Msg> _received = new();
    private NetworkStream? _stream;

    public static async Task<RawClient> ConnectAsync(int port)
    {
        var c = new RawClient();
        await c._tcp.ConnectAsync(IPAddress.Loopback, port);
        c._stream = c._tcp.GetStream();
        return c;
    }

    public Task SendAsync(params byte[][] messages) => _stream!.WriteAsync(messages.SelectMany(m => m).ToArray()).AsTask();

    /// <summary>The next message that matches, skipping others; throws after the timeout or at end of stream.</summary>
    public async Task<Msg> ExpectAsync(Func<Msg, bool> match, int timeoutMs = 10_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        var buffer = new byte[65536];
        while (true)
        {
            while (_received.TryDequeue(out var m))
                if (match(m)) return m;
            int n = await _stream!.ReadAsync(buffer, cts.Token);
            if (n == 0) throw new EndOfStreamException("server closed the circuit");
            _unread.AddRange(buffer.AsSpan(0, n));
            var data = _unread.ToArray();
            var parsed = Msg.Parse(data, out int used);
            foreach (var m in parsed) _received.Enqueue(m);
            _unread.RemoveRange(0, used);
        }
    }

    /// <summary>Reads until the server closes the circuit; returns the messages seen on the way.</summary>
    public async Task<List<Msg>> ReadToEndAsync(int timeoutMs = 10_000)
    {
        var seen = new List<Msg>();
        try
        {
            while (true) seen.Add(await ExpectAsync(_ => true, timeoutMs));
        }
        catch (Exception e) when (e is EndOfStreamException or IOException)
        {
            return seen;
        }
    }

    /// <summary>Opens a channel the way libca does; returns the server id.</summary>
    public async Task<uint> OpenAsync(string pv, uint cid = 1)
    {
        await SendAsync(Msg.Bytes(0, 0, 13), Msg.Bytes(20, payload: Msg.Text("test")), Msg.Bytes(21, payload: Msg.Text("localhost")),
            Msg.Bytes(18, 0, 0, cid, 13, Msg.Text(pv)));
        var created = await ExpectAsync(m => m.Cmd is 18 or 26 && m.P1 == cid);
        Assert.Equal(18, created.Cmd);
        return created.P2;
    }

    public async Task<Msg> ReadAsync(uint sid, ushort type, uint ioid, int timeoutMs = 10_000)
    {
        await SendAsync(Msg.Bytes(15, type, 1, sid, ioid));
        return await ExpectAsync(m => m.Cmd == 15 && m.P2 == ioid, timeoutMs);
    }

    public async ValueTask DisposeAsync()
    {
        if (_stream is not null) await _stream.DisposeAsync();
        _tcp.Dispose();
    }
}
