using System.Buffers;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Vepp2k.Control.History;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

/// <summary>
/// One client connection: a read loop that frames and handles request lines, and a write loop that
/// drains the <see cref="Outbox"/>. Either loop ending closes the connection; a client that closes
/// its sending side still gets the replies already queued.
/// </summary>
internal sealed class VcasSession(VcasServer server, Socket socket, VcasServerOptions options)
{
    private static readonly TimeSpan FlushOnClose = TimeSpan.FromSeconds(5);
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _readStop = new();
    private long _lastLine;
    private volatile bool _requested;
    private volatile bool _closing;
    private readonly Dictionary<string, string> _subscriptions = new(StringComparer.Ordinal); // name asked for -> served name

    public IPEndPoint Remote { get; } = (IPEndPoint)socket.RemoteEndPoint!;
    public Role Role { get; } = VcasWriteRule.RoleOf(((IPEndPoint)socket.RemoteEndPoint!).Address, options.Writers);
    public string User => $"vcas@{Host}";
    public string Host => HostOf(Remote);

    /// <summary>The client's address as the limits and the logs name it (IPv4-mapped addresses as IPv4).</summary>
    public static string HostOf(IPEndPoint remote) => (remote.Address.IsIPv4MappedToIPv6 ? remote.Address.MapToIPv4() : remote.Address).ToString();

    /// <summary>When the connection was accepted (<see cref="Environment.TickCount64"/>).</summary>
    public long ConnectedAt { get; } = Environment.TickCount64;

    /// <summary>When the client last sent a line (a blank keep-alive counts), or <see cref="ConnectedAt"/>.</summary>
    public long LastActivity => Interlocked.Read(ref _lastLine) is var t && t != 0 ? t : ConnectedAt;

    /// <summary>Whether the client has sent a request (a non-blank line) yet.</summary>
    public bool Requested => _requested;

    /// <summary>Whether the server has started to close the connection (evicted or timed out).</summary>
    public bool Closing => _closing;
    public Outbox Outbox { get; } = new(options.MaxPendingReplyBytes, options.TimeZone);

    /// <summary>The last error this client was sent (the value of its service channel <c>error</c>).</summary>
    public string? LastError { get; set; }

    public int CreatedCount { get; set; }

    public bool AddSubscription(string asName, string path) { lock (_gate) return _subscriptions.TryAdd(asName, path); }

    /// <summary>Ends a subscription; the served name it watched, or null when there was none under that name.</summary>
    public string? RemoveSubscription(string asName) { lock (_gate) return _subscriptions.Remove(asName, out var path) ? path : null; }

    public string[] Subscriptions() { lock (_gate) return [.. _subscriptions.Keys]; }

    public int SubscriptionCount { get { lock (_gate) return _subscriptions.Count; } }

    /// <summary>Stops reading the client, sends it <paramref name="farewell"/> after what is queued, and closes the connection.</summary>
    public void Close(string farewell)
    {
        lock (_gate)
        {
            if (_closing) return;
            _closing = true;
        }
        Outbox.Reply(farewell);
        Outbox.Complete();
        _readStop.Cancel();
    }

    public async Task RunAsync(CancellationToken serverCancel)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(serverCancel);
        using var reading = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, _readStop.Token);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var read = ReadLoopAsync(stream, reading.Token);
        var write = WriteLoopAsync(stream, cancel.Token);
        try
        {
            if (await Task.WhenAny(read, write) == read && (read.IsCompletedSuccessfully || _closing))
            {
                Outbox.Complete();
                await Task.WhenAny(write, Task.Delay(FlushOnClose, cancel.Token));
            }
        }
        catch (OperationCanceledException) { }
        finally
        {
            await cancel.CancelAsync();
            socket.Close();
            await Quietly(read);
            await Quietly(write);
            _readStop.Dispose();
        }
    }

    // A client's network errors end its session and nothing else: they are expected, not reported.
    private static async Task Quietly(Task t)
    {
        try { await t; }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task ReadLoopAsync(NetworkStream stream, CancellationToken cancel)
    {
        var framer = new LineFramer(options.MaxLineBytes);
        var lines = new List<FramedLine>();
        while (true)
        {
            // An idle connection holds no read buffer: wait for data with an empty read, then borrow one.
            await socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancel);
            var buffer = ArrayPool<byte>.Shared.Rent(8192);
            int n;
            try
            {
                n = await stream.ReadAsync(buffer, cancel);
                framer.Push(buffer.AsSpan(0, n), lines);
            }
            finally { ArrayPool<byte>.Shared.Return(buffer); }
            if (n == 0) return;
            foreach (var line in lines)
            {
                Interlocked.Exchange(ref _lastLine, Environment.TickCount64);
                if (!string.IsNullOrWhiteSpace(line.Text) || line.TooLong) _requested = true;
                await Outbox.WaitForRoomAsync(cancel);
                server.Handle(this, line);
            }
            lines.Clear();
        }
    }

    private async Task WriteLoopAsync(NetworkStream stream, CancellationToken cancel)
    {
        var lines = new List<string>();
        var bytes = new MemoryStream();
        while (true)
        {
            long replies = Outbox.Take(lines, max: 512);
            if (lines.Count == 0)
            {
                if (Outbox.Completed) return;
                await Outbox.WaitReadyAsync(cancel);
                continue;
            }
            bytes.SetLength(0);
            foreach (var line in lines)
            {
                bytes.Write(Encoding.UTF8.GetBytes(line));
                bytes.WriteByte((byte)'\n');
            }
            lines.Clear();
            await stream.WriteAsync(bytes.GetBuffer().AsMemory(0, (int)bytes.Length), cancel);
            Outbox.Sent(replies);
        }
    }
}
