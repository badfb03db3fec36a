using System.Net;

namespace Vepp2k.Epics.Server;

/// <summary>
/// Which circuits the server holds, and who makes room when a limit is reached. A flood of idle
/// connections must not lock real clients out, so at a limit the newcomer is not refused: the
/// quietest circuit that holds no channel is closed instead (one that never sent a complete message
/// first, then the one silent longest). A circuit with channels is never evicted; only when every
/// circuit holds channels is the newcomer refused. Timeouts close circuits that stay quiet.
/// </summary>
internal sealed class Admission(CaServerOptions options)
{
    private readonly Lock _gate = new();
    private readonly HashSet<CaConnection> _open = [];
    private readonly Dictionary<IPAddress, int> _perHost = [];
    private long _evicted, _refused, _timedOut;

    public int Count { get { lock (_gate) return _open.Count; } }

    /// <summary>Circuits closed to make room for a newcomer.</summary>
    public long Evicted => Interlocked.Read(ref _evicted);

    /// <summary>Connections refused because every circuit at the limit held channels.</summary>
    public long Refused => Interlocked.Read(ref _refused);

    /// <summary>Circuits closed because they stayed quiet past a timeout.</summary>
    public long TimedOut => Interlocked.Read(ref _timedOut);

    public CaConnection[] Snapshot() { lock (_gate) return [.. _open]; }

    /// <summary>
    /// Takes a new circuit in, naming the circuit to close to make room (the caller closes it, outside
    /// this lock); false when there is no room and nothing may be evicted.
    /// </summary>
    public bool TryAdmit(CaConnection newcomer, out CaConnection? evict)
    {
        evict = null;
        lock (_gate)
        {
            bool hostFull = _perHost.GetValueOrDefault(newcomer.Peer) >= options.MaxCircuitsPerHost;
            if (hostFull || _open.Count >= options.MaxCircuits)
            {
                evict = Quietest(hostFull ? newcomer.Peer : null);
                if (evict is null)
                {
                    _refused++;
                    return false;
                }
                RemoveLocked(evict);
                _evicted++;
            }
            _open.Add(newcomer);
            _perHost[newcomer.Peer] = _perHost.GetValueOrDefault(newcomer.Peer) + 1;
            return true;
        }
    }

    /// <summary>A circuit ended (or was closed): its place is free.</summary>
    public void Leave(CaConnection connection)
    {
        lock (_gate) RemoveLocked(connection);
    }

    /// <summary>
    /// The circuits to close now: no complete message within the handshake timeout, or no channel and
    /// nothing heard within the idle timeout. Circuits with channels are left to TCP keepalive: a
    /// client that only receives monitors may rightly send nothing for hours.
    /// </summary>
    public List<CaConnection> Expired(long now)
    {
        var expired = new List<CaConnection>();
        lock (_gate)
        {
            foreach (var c in _open)
            {
                bool mute = !c.HasSpoken && now - c.Opened > options.HandshakeTimeout.TotalMilliseconds;
                bool idle = c.ChannelCount == 0 && now - c.LastHeard > options.IdleTimeout.TotalMilliseconds;
                if (mute || idle) expired.Add(c);
            }
            foreach (var c in expired) RemoveLocked(c);
            _timedOut += expired.Count;
        }
        return expired;
    }

    private CaConnection? Quietest(IPAddress? host)
    {
        CaConnection? best = null;
        foreach (var c in _open)
        {
            if (c.ChannelCount > 0 || (host is not null && !c.Peer.Equals(host))) continue;
            if (best is null || (!c.HasSpoken, -c.LastHeard).CompareTo((!best.HasSpoken, -best.LastHeard)) > 0) best = c;
        }
        return best;
    }

    private void RemoveLocked(CaConnection connection)
    {
        if (!_open.Remove(connection)) return;
        int left = _perHost[connection.Peer] - 1;
        if (left == 0) _perHost.Remove(connection.Peer);
        else _perHost[connection.Peer] = left;
    }
}
