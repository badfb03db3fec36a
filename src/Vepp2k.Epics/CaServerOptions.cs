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
}
