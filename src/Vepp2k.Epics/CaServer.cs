using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vepp2k.Control.Channels;
using Vepp2k.Epics.Access;
using Vepp2k.Epics.Protocol;
using Vepp2k.Epics.Server;

namespace Vepp2k.Epics;

/// <summary>
/// An EPICS Channel Access server (protocol 4.13) over the control core's channels: every channel
/// is served under its PV name (<see cref="PvNames"/>). UDP name search, TCP circuits with reads,
/// writes and monitors in every DBR type, access rights from roles and a rules file, beacons.
/// </summary>
public sealed class CaServer : IAsyncDisposable
{
    private readonly ServerContext _context;
    private readonly CancellationTokenSource _stop = new();
    private readonly Admission _admission;
    private readonly List<Task> _tasks = [];
    private Socket? _tcp;
    private Socket? _udp;

    public CaServer(ChannelRegistry registry, CaServerOptions options, ILogger<CaServer>? log = null)
    {
        var rules = options.RulesFile is { } path ? AccessRules.Load(path) : AccessRules.LocalOperators;
        _context = new ServerContext(registry, options, rules, log ?? NullLogger<CaServer>.Instance);
        _admission = new Admission(options);
    }

    public CaServerOptions Options => _context.Options;

    /// <summary>The TCP and UDP port in use (the chosen one when <see cref="CaServerOptions.Port"/> is 0).</summary>
    public int Port => _context.TcpPort;

    /// <summary>Circuits held now (a closed circuit leaves at once, before its tasks have wound down).</summary>
    public int ClientCount => _admission.Count;

    /// <summary>Circuits closed to make room for newcomers at a limit.</summary>
    public long EvictedCircuits => _admission.Evicted;

    /// <summary>Connections refused at a limit because every circuit held channels.</summary>
    public long RefusedConnections => _admission.Refused;

    /// <summary>Circuits closed for staying quiet past the handshake or idle timeout.</summary>
    public long TimedOutCircuits => _admission.TimedOut;

    /// <summary>Monitor updates replaced by newer ones before a slow client took them (latest value wins).</summary>
    public long CoalescedUpdates => _context.Circuits.Keys.Sum(c => c.Outbox.Coalesced);

    public Task StartAsync()
    {
        (_tcp, _udp) = Listeners.Open(Options);
        _context.TcpPort = (ushort)((IPEndPoint)_tcp.LocalEndPoint!).Port;
        _context.Monitors.Start(_context.Registry, UpdateMask.Value | UpdateMask.Archive | UpdateMask.Alarm | UpdateMask.Property, _context.Log);
        _tasks.Add(Task.Run(() => AcceptAsync(_tcp, _stop.Token)));
        _tasks.Add(Task.Run(() => SearchAsync(_udp, _stop.Token)));
        _tasks.Add(Task.Run(() => Beacons.RunAsync(_context, _stop.Token)));
        _tasks.Add(Task.Run(() => ExpireAsync(_stop.Token)));
        return Task.CompletedTask;
    }

    /// <summary>
    /// Stops serving: every client is told its channels are gone (SERVER_DISCONN), given a moment to
    /// receive that, and its circuit is closed; sockets are released so a new server can take the port.
    /// </summary>
    public async Task StopAsync()
    {
        if (_stop.IsCancellationRequested) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _tcp?.Dispose();
        _udp?.Dispose();
        _context.Monitors.Dispose();
        foreach (var c in _admission.Snapshot())
        {
            c.Circuit?.Disconnect(_ => true);
            c.StopAfter(TimeSpan.FromMilliseconds(200));
        }
        await Task.WhenAll(_tasks).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Stops serving one PV (a subsystem taken out): clients holding it see a disconnect.</summary>
    public void Withdraw(string pvName)
    {
        _context.Withdraw(pvName);
        foreach (var c in _context.Circuits.Keys) c.Disconnect(ch => ch.Spec.PvName == pvName);
    }

    /// <summary>Serves a withdrawn PV again; clients find it on their next search.</summary>
    public void Restore(string pvName) => _context.Restore(pvName);

    /// <summary>Replaces the access rules (e.g. after the rules file changed) and updates every client's rights.</summary>
    public void SetRules(AccessRules rules)
    {
        _context.Rules = rules;
        RefreshRights();
    }

    /// <summary>Re-evaluates every client's rights and sends ACCESS_RIGHTS where they changed.</summary>
    public void RefreshRights()
    {
        foreach (var c in _context.Circuits.Keys) c.RefreshRights();
    }

    private async Task AcceptAsync(Socket listener, CancellationToken cancel)
    {
        var running = new HashSet<Task>();
        var gate = new Lock();
        try
        {
            while (true)
            {
                Socket socket;
                try
                {
                    socket = await listener.AcceptAsync(cancel).ConfigureAwait(false);
                }
                catch (SocketException e) when (e.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted
                    or SocketError.TooManyOpenSockets or SocketError.NoBufferSpaceAvailable)
                {
                    // A connection reset before it was taken, or the process is out of descriptors for a
                    // moment: the listener itself is fine, and a busy loop must not follow.
                    _context.Log.LogWarning("CA accept failed: {Error}", e.SocketErrorCode);
                    await Task.Delay(10, cancel).ConfigureAwait(false);
                    continue;
                }
                var connection = Admit(socket);
                if (connection is null) continue;
                var run = Task.Run(async () =>
                {
                    try
                    {
                        await connection.RunAsync().ConfigureAwait(false);
                    }
                    finally
                    {
                        _admission.Leave(connection);
                    }
                }, CancellationToken.None);
                lock (gate) running.Add(run);
                _ = run.ContinueWith(t => { lock (gate) running.Remove(t); }, TaskScheduler.Default);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // The listener was closed: stopping.
        }
        Task[] left;
        lock (gate) left = [.. running];
        await Task.WhenAll(left).ConfigureAwait(false);
    }

    /// <summary>Takes an accepted socket in under the limits; null when it was refused.</summary>
    private CaConnection? Admit(Socket socket)
    {
        try
        {
            socket.NoDelay = true;
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.KeepAlive, true);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveTime, (int)Options.KeepAliveTime.TotalSeconds);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveInterval, 10);
            socket.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.TcpKeepAliveRetryCount, 5);
        }
        catch (SocketException)
        {
            // Reset before it could be set up: nothing to serve.
            socket.Dispose();
            return null;
        }
        var connection = new CaConnection(socket, _context);
        if (!_admission.TryAdmit(connection, out var evicted))
        {
            _context.Log.LogWarning("CA connection from {Peer} refused: every circuit at the limit holds channels", connection.Peer);
            socket.Dispose();
            return null;
        }
        if (evicted is not null)
        {
            evicted.Close();
            // One line per 1000: a flood must not flood the log.
            if (_admission.Evicted % 1000 == 1)
                _context.Log.LogWarning("CA circuit limit reached: closed the quiet circuit from {Peer} for one from {Newcomer} ({Count} so far)",
                    evicted.Peer, connection.Peer, _admission.Evicted);
        }
        return connection;
    }

    /// <summary>Closes circuits that stayed quiet past a timeout, once a second.</summary>
    private async Task ExpireAsync(CancellationToken cancel)
    {
        using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await tick.WaitForNextTickAsync(cancel).ConfigureAwait(false))
                foreach (var c in _admission.Expired(Environment.TickCount64)) c.Close();
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task SearchAsync(Socket udp, CancellationToken cancel)
    {
        var datagram = new byte[65_536];
        var reply = new MessageBuffer();
        EndPoint any = new IPEndPoint(udp.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                var received = await udp.ReceiveFromAsync(datagram, SocketFlags.None, any, cancel).ConfigureAwait(false);
                if (SearchResponder.Respond(datagram.AsSpan(0, received.ReceivedBytes), _context, reply))
                    await udp.SendToAsync(reply.Written, SocketFlags.None, received.RemoteEndPoint, cancel).ConfigureAwait(false);
            }
            catch (SocketException)
            {
                // An unreachable client (ICMP port unreachable comes back as an error on the next call): keep serving.
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
