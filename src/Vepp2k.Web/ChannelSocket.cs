using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Vepp2k.Control.Channels;

namespace Vepp2k.Web;

/// <summary>
/// Live channel updates over a WebSocket: first every matching channel as it is, then batches of
/// updates (value or alarm changes) at most every 50 ms, each channel once per batch with its
/// latest state. A slow browser loses intermediate values (counted by the subscription), never the latest.
/// </summary>
public static class ChannelSocket
{
    private static readonly TimeSpan BatchPeriod = TimeSpan.FromMilliseconds(50);

    public static async Task Serve(HttpContext http, ChannelRegistry registry, ApiAuth auth)
    {
        if (!http.WebSockets.IsWebSocketRequest) { http.Response.StatusCode = 400; return; }
        if (auth.Identify(http) is null) { http.Response.StatusCode = 401; return; }
        string[] prefixes = http.Request.Query["prefix"].Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).DefaultIfEmpty("").ToArray();
        bool Wanted(string path) => prefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal));
        using var socket = await http.WebSockets.AcceptWebSocketAsync();
        using var subscription = registry.Subscribe(u => (u.Mask & (UpdateMask.Value | UpdateMask.Alarm)) != 0 && Wanted(u.Path), 20_000);
        var cancel = http.RequestAborted;
        _ = DrainIncoming(socket, cancel);
        try
        {
            await Send(socket, registry.All.Where(c => Wanted(c.Spec.Path)).Select(c => ChannelDto.From(c.Snapshot(), false)), cancel);
            var latest = new Dictionary<string, ChannelDto>();
            while (socket.State == WebSocketState.Open && await subscription.Reader.WaitToReadAsync(cancel))
            {
                await Task.Delay(BatchPeriod, cancel);
                latest.Clear();
                while (subscription.Reader.TryRead(out var u)) latest[u.Path] = ChannelDto.From(u, false);
                await Send(socket, latest.Values, cancel);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException) { }
    }

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
