using Vepp2k.Control.Channels;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>Encodes an EVENT_ADD update message of a monitor's latest value.</summary>
internal static class MonitorUpdate
{
    public static void Write(MessageBuffer batch, Monitor monitor, in ChannelUpdate latest)
    {
        var source = new DbrSource(monitor.Channel.Channel.Spec, latest);
        // A fixed count larger than an array now is padded with zeros; count 0 sends what there is.
        int count = monitor.Count == 0 ? source.Count : (int)monitor.Count;
        var header = CaHeader.Of(CaCommand.EventAdd, (uint)DbrType.Size(monitor.Type, count), monitor.Type, (uint)count,
            Eca.Normal, monitor.SubscriptionId);
        DbrEncoder.Write(batch.Begin(header), monitor.Type, Math.Min(count, source.Count), source);
    }
}
