using System.Net;

namespace Vepp2k.Epics;

/// <summary>How the CA server listens. The defaults are the EPICS ports on the loopback interface.</summary>
public sealed record CaServerOptions
{
    /// <summary>UDP search and TCP circuit port (EPICS_CA_SERVER_PORT); 0 picks a free port for both.</summary>
    public int Port { get; init; } = 5064;

    /// <summary>Where beacons go (EPICS_CA_REPEATER_PORT on the clients' side).</summary>
    public int BeaconPort { get; init; } = 5065;

    /// <summary>Address to listen on; loopback by default so nothing is exposed by accident.</summary>
    public IPAddress Bind { get; init; } = IPAddress.Loopback;

    /// <summary>Access-rules file (see docs/epics.md); null: local clients operate, others read.</summary>
    public string? RulesFile { get; init; }

    /// <summary>Beacon destinations; null: 127.0.0.1 when bound to loopback, the broadcast address otherwise.</summary>
    public IReadOnlyList<IPAddress>? BeaconAddresses { get; init; }

    /// <summary>The longest beacon period: beacons start at 20 ms and double up to this (EPICS_CAS_BEACON_PERIOD).</summary>
    public TimeSpan BeaconPeriod { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest request payload a client may send (array writes); bigger ones end the circuit.</summary>
    public int MaxPayload { get; init; } = 4 * 1024 * 1024;

    /// <summary>Reply bytes a circuit may have waiting before the server stops reading its requests.</summary>
    public int MaxPendingReplies { get; init; } = 1024 * 1024;

    /// <summary>
    /// Circuits held at once. At the limit a newcomer takes the place of the quietest circuit that
    /// holds no channel; it is refused only when every circuit holds channels.
    /// </summary>
    public int MaxCircuits { get; init; } = 4096;

    /// <summary>Circuits held at once from one client address (a gateway host counts once), with the same eviction.</summary>
    public int MaxCircuitsPerHost { get; init; } = 1024;

    /// <summary>
    /// A circuit that sends no complete CA message within this is closed. libca and caproto send
    /// VERSION, CLIENT_NAME and HOST_NAME as soon as they connect.
    /// </summary>
    public TimeSpan HandshakeTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A circuit holding no channel that sends nothing for this long is closed. Circuits with channels
    /// are never timed out for silence (a monitoring client need not send); TCP keepalive
    /// (<see cref="KeepAliveTime"/>) finds the dead ones.
    /// </summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>TCP keepalive on every circuit: first probe after this much silence, then 5 probes 10 s apart.</summary>
    public TimeSpan KeepAliveTime { get; init; } = TimeSpan.FromSeconds(60);
}
