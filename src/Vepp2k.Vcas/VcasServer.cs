using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

/// <summary>What the server knows about one connected client (for diagnostics and tests).</summary>
public sealed record VcasClientInfo(string Endpoint, Role Role, int Subscriptions, int Pending, long Coalesced);

/// <summary>
/// The VEPP-2000 VCAS text protocol server over the control core's channel tree: every channel is
/// served under its path (the VCAS name), plus the service channels ChannelsList, Clients and error
/// and the channels clients create. A thin adapter: reads are snapshots, writes go through
/// <see cref="Channel.Write"/> with the role the write policy gives the client's address, and
/// updates come from one registry subscription fanned out to per-client coalescing queues.
/// </summary>
public sealed partial class VcasServer : IAsyncDisposable
{
    private readonly ChannelRegistry _registry;
    private readonly VcasServerOptions _options;
    private readonly ILogger _log;
    private long _evicted, _refused;
    private readonly ConcurrentDictionary<VcasSession, Task> _sessions = new();
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task _accepting = Task.CompletedTask;

    public VcasServer(ChannelRegistry registry, VcasServerOptions options, ILogger<VcasServer>? log = null)
    {
        _registry = registry;
        _options = options;
        _log = log ?? NullLogger<VcasServer>.Instance;
    }

    /// <summary>The port listened on (the chosen one when <see cref="VcasServerOptions.Port"/> is 0).</summary>
    public int Port { get; private set; }

    /// <summary>Connections held now: one being closed (evicted or timed out, its last line still flushing) no longer counts.</summary>
    public int ClientCount => _sessions.Keys.Count(s => !s.Closing);

    /// <summary>Idle connections closed to make room for newcomers at a limit.</summary>
    public long EvictedClients => Interlocked.Read(ref _evicted);

    /// <summary>Connections refused at a limit because every connection was in use.</summary>
    public long RefusedClients => Interlocked.Read(ref _refused);

    /// <summary>Registry updates the server lost because its own fan-out fell behind (it never waits for clients).</summary>
    public long FeedDropped => _hub.Dropped;

    public IReadOnlyList<VcasClientInfo> Clients() =>
        [.. _sessions.Keys.Select(s => new VcasClientInfo(s.Remote.ToString(), s.Role, s.Subscriptions().Length, s.Outbox.Pending, s.Outbox.Coalesced))];

    public Task StartAsync(CancellationToken cancel = default)
    {
        if (_listener is not null) throw new InvalidOperationException("the VCAS server is already started");
        var listener = new Socket(_options.Bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            if (_options.Bind.AddressFamily == AddressFamily.InterNetworkV6 && _options.Bind.Equals(IPAddress.IPv6Any))
                listener.DualMode = true;
            listener.Bind(new IPEndPoint(_options.Bind, _options.Port));
            listener.Listen(512);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        _listener = listener;
        Port = ((IPEndPoint)listener.LocalEndPoint!).Port;
        _accepting = AcceptLoopAsync(_stop.Token);
        _hub.Start(_registry, UpdateMask.Value | UpdateMask.Alarm, _log);
        _sweeping = SweepAsync(_stop.Token);
        return Task.CompletedTask;
    }

    private async Task AcceptLoopAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            Socket client;
            try { client = await _listener!.AcceptAsync(cancel); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException) { return; } // stopping
            catch (SocketException) { continue; } // a connection reset before it was accepted
            System.Net.IPEndPoint? remote;
            try
            {
                client.NoDelay = true;
                remote = client.RemoteEndPoint as System.Net.IPEndPoint;
            }
            catch (SocketException)
            {
                client.Dispose(); // reset before it could be set up: the loop must go on
                continue;
            }
            if (remote is null || !Admit(VcasSession.HostOf(remote)))
            {
                if (Interlocked.Increment(ref _refused) % 1000 == 1)
                    _log.LogWarning("VCAS connection from {Remote} refused: every connection at the limit is in use ({Count} so far)", remote, _refused);
                Refuse(client);
                continue;
            }
            var session = new VcasSession(this, client, _options);
            var done = new TaskCompletionSource();
            _sessions[session] = done.Task;
            PublishClients();
            _ = RunSessionAsync(session, done, cancel);
        }
    }

    private async Task RunSessionAsync(VcasSession session, TaskCompletionSource done, CancellationToken cancel)
    {
        try { await session.RunAsync(cancel); }
        catch (Exception e)
        {
            // Whatever failed, only this session ends; the server and the other clients go on.
            _log.LogError(e, "VCAS session {Remote} failed", session.Remote);
        }
        finally
        {
            Unwatch(session);
            FreeAll(session);
            _sessions.TryRemove(session, out _);
            PublishClients();
            done.TrySetResult();
        }
    }

    private void Refuse(Socket client)
    {
        using (client)
        {
            try { client.Send(System.Text.Encoding.UTF8.GetBytes(VcasFormat.Error("error", Now(), $"server full ({_options.MaxClients} clients)") + "\n")); }
            catch (SocketException) { }
        }
    }

    private string Now() => VcasFormat.Time(_registry.Time.GetUtcNow(), _options.TimeZone);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener?.Dispose();
        await _accepting;
        await _sweeping;
        await Task.WhenAll(_sessions.Values);
        _hub.Dispose();
        _stop.Dispose();
    }
}
