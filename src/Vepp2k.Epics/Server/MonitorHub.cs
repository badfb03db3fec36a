using System.Collections.Concurrent;
using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Server;

/// <summary>
/// Every monitor of every circuit, by channel: the update pump hands each channel update to the
/// monitors whose mask it matches. Lookups are lock-free (copy-on-write arrays).
/// </summary>
internal sealed class MonitorHub
{
    private readonly ConcurrentDictionary<Channel, Monitor[]> _byChannel = new();
    private readonly Lock _gate = new();

    public bool Watches(Channel channel) => _byChannel.ContainsKey(channel);

    public void Add(Monitor monitor)
    {
        var channel = monitor.Channel.Channel;
        lock (_gate) _byChannel[channel] = [.. _byChannel.GetValueOrDefault(channel, []), monitor];
    }

    public void Remove(Monitor monitor)
    {
        var channel = monitor.Channel.Channel;
        lock (_gate)
        {
            var left = _byChannel.GetValueOrDefault(channel, []).Where(m => m != monitor).ToArray();
            if (left.Length == 0) _byChannel.TryRemove(channel, out _);
            else _byChannel[channel] = left;
        }
    }

    public void Dispatch(ChannelUpdate update)
    {
        if (!_byChannel.TryGetValue(update.Channel, out var monitors)) return;
        foreach (var m in monitors)
            if ((update.Mask & m.Mask) != 0) m.Outbox.Offer(m, update);
    }
}
