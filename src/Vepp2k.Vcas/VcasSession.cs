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
    private readonly Dictionary<string, string> _subscriptions = new(StringComparer.Ordinal); // name asked for -> served name

    public IPEndPoint Remote { get; } = (IPEndPoint)socket.RemoteEndPoint!;
    public Role Role { get; } = VcasWriteRule.RoleOf(((IPEndPoint)socket.RemoteEndPoint!).Address, options.Writers);
    public string User => $"vcas@{Host}";
    public string Host => (Remote.Address.IsIPv4MappedToIPv6 ? Remote.Address.MapToIPv4() : Remote.Address).ToString();
    public Outbox Outbox { get; } = new(options.MaxPendingReplyBytes, options.TimeZone);

    /// <summary>The last error this client was sent (the value of its service channel <c>error</c>).</summary>
    public string? LastError { get; set; }

    public int CreatedCount { get; set; }

    public bool AddSubscription(string asName, string path) { lock (_gate) return _subscriptions.TryAdd(asName, path); }

    /// <summary>Ends a subscription; the served name it watched, or null when there was none under that name.</summary>
    public string? RemoveSubscription(string asName) { lock (_gate) return _subscriptions.Remove(asName, out var path) ? path : null; }

    public string[] Subscriptions() { lock (_gate) return [.. _subscriptions.Keys]; }

    public int SubscriptionCount { get { lock (_gate) return _subscriptions.Count; } }

    public async Task RunAsync(CancellationToken serverCancel)
    {
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(serverCancel);
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var read = ReadLoopAsync(stream, cancel.Token);
        var write = WriteLoopAsync(stream, cancel.Token);
        try
        {
            if (await Task.WhenAny(read, write) == read && read.IsCompletedSuccessfully)
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
        var buffer = new byte[8192];
        var lines = new List<FramedLine>();
        while (true)
        {
            int n = await stream.ReadAsync(buffer, cancel);
            if (n == 0) return;
            framer.Push(buffer.AsSpan(0, n), lines);
            foreach (var line in lines)
            {
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
