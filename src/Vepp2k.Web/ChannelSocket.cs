using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vepp2k.Control.Channels;

namespace Vepp2k.Web;

/// <summary>
/// Live channel updates over a WebSocket: first every matching channel as it is, then batches of
/// updates (value or alarm changes) at most every 50 ms, each channel once per batch with its
/// latest state. Every socket is fed by one shared hub (as CA monitors and VCAS subscriptions are),
/// and a slow browser holds at most one pending update per channel: it loses intermediate values,
/// never the latest.
/// </summary>
public sealed class ChannelSocket : IDisposable
{
    private static readonly TimeSpan BatchPeriod = TimeSpan.FromMilliseconds(50);
    private readonly ChannelRegistry _registry;
    private readonly ApiAuth _auth;
    private readonly SubscriberHub<string, Feed> _hub = new(StringComparer.Ordinal, u => u.Path, (f, u) => f.Offer(u));

    public ChannelSocket(ChannelRegistry registry, ApiAuth auth, ILogger log)
    {
        _registry = registry;
        _auth = auth;
        _hub.Start(registry, UpdateMask.Value | UpdateMask.Alarm, log);
    }

    // One socket's pending updates and the signal that wakes its sender.
    private sealed class Feed
    {
        private readonly Lock _gate = new();
        private readonly PendingUpdates<string, ChannelUpdate> _pending = new(StringComparer.Ordinal);
        public SemaphoreSlim Ready { get; } = new(0, 1);

        public void Offer(ChannelUpdate update)
        {
            lock (_gate) _pending.Offer(update.Path, update);
            if (Ready.CurrentCount == 0)
            {
                try { Ready.Release(); }
                catch (SemaphoreFullException) { }   // another offer woke it first
            }
        }

        public List<ChannelDto> Take()
        {
            var updates = new List<ChannelUpdate>();
            lock (_gate) _pending.TakeAll(updates);
            return [.. updates.Select(u => ChannelDto.From(u, false))];
        }
    }

    public async Task Serve(HttpContext http)
    {
        if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
        if (_auth.Identify(http) is null) { http.Response.StatusCode = 401; return; }
        string[] prefixes = http.Request.Query["prefix"].Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).DefaultIfEmpty("").ToArray();
        var channels = _registry.All.Where(c => prefixes.Any(p => c.Spec.Path.StartsWith(p, StringComparison.Ordinal))).ToList();
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        var feed = new Feed();
        foreach (var c in channels) _hub.Add(c.Spec.Path, feed);
        var cancel = http.RequestAborted;
        _ = DrainIncoming(socket, cancel);
        try
        {
            await Send(socket, channels.Select(c => ChannelDto.From(c.Snapshot(), false)), cancel);
            while (socket.State == WebSocketState.Open)
            {
                await feed.Ready.WaitAsync(cancel);
                await Task.Delay(BatchPeriod, cancel);
                // Updates that came during the wait were taken with this batch but may have left the signal set.
                if (feed.Take() is { Count: > 0 } batch) await Send(socket, batch, cancel);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
        finally
        {
            foreach (var c in channels) _hub.Remove(c.Spec.Path, feed);
        }
    }

    public void Dispose() => _hub.Dispose();

    private static Task Send(WebSocket socket, IEnumerable<ChannelDto> updates, CancellationToken cancel) =>
        socket.SendAsync(JsonSerializer.SerializeToUtf8Bytes(updates, OpticsServer.Json), WebSocketMessageType.Text, true, cancel);

    // The client sends nothing we need, but its close frame must be read for the socket to close.
    private static async Task DrainIncoming(WebSocket socket, CancellationToken cancel)
    {
        var buffer = new byte[1024];
        try
        {
            while (socket.State == WebSocketState.Open)
            {
                var r = await socket.ReceiveAsync(buffer, cancel);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }
}
