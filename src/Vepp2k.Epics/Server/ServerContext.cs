using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Vepp2k.Control.Channels;
using Vepp2k.Epics.Access;

namespace Vepp2k.Epics.Server;

/// <summary>What every circuit and the search responder share: the channels served, the rules, the monitors.</summary>
internal sealed class ServerContext(ChannelRegistry registry, CaServerOptions options, AccessRules rules, ILogger log)
{
    private readonly ConcurrentDictionary<string, byte> _withdrawn = new(StringComparer.Ordinal);

    public ChannelRegistry Registry { get; } = registry;
    public CaServerOptions Options { get; } = options;
    public AccessRules Rules { get; set; } = rules;
    public ILogger Log { get; } = log;
    /// <summary>Every monitor of every circuit, by channel, fed by the shared hub: an update goes to the monitors whose mask it matches.</summary>
    public SubscriberHub<Channel, Monitor> Monitors { get; } = new(null, u => u.Channel, (m, u) =>
    {
        if ((u.Mask & m.Mask) != 0) m.Outbox.Offer(m, u);
    });
    public ConcurrentDictionary<CaCircuit, byte> Circuits { get; } = new();

    /// <summary>The TCP port search replies announce.</summary>
    public ushort TcpPort { get; set; }

    /// <summary>The channel served under a PV name, or null (unknown or withdrawn).</summary>
    public Channel? Find(string pvName) =>
        _withdrawn.ContainsKey(pvName) ? null : Registry.FindPv(pvName);

    public void Withdraw(string pvName) => _withdrawn[pvName] = 0;

    public void Restore(string pvName) => _withdrawn.TryRemove(pvName, out _);
}
