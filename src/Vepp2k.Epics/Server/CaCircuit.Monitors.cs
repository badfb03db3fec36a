using System.Buffers.Binary;
using Vepp2k.Control.Channels;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

internal sealed partial class CaCircuit
{
    // EVENT_ADD payload: f32 low, f32 high, f32 timeout (all unused since 3.13), u16 mask, u16 pad.
    private const int MaskOffset = 12;
    private const UpdateMask DefaultMask = UpdateMask.Value | UpdateMask.Alarm;
    private const UpdateMask KnownMaskBits = UpdateMask.Value | UpdateMask.Archive | UpdateMask.Alarm | UpdateMask.Property;

    private void AddMonitor(in CaHeader header, ReadOnlySpan<byte> payload)
    {
        if (!_channels.TryGetValue(header.P1, out var entry))
        {
            Error(header, header.P1, Eca.BadChannelId, "no such channel");
            return;
        }
        var snapshot = entry.Channel.Snapshot();
        uint status = DbrType.IsValid(header.DataType)
            ? header.Count > new DbrSource(entry.Channel.Spec, snapshot).NativeCount ? Eca.BadCount : Eca.Normal
            : Eca.BadType;
        if (status == Eca.Normal && _channels.Count + _monitorCount >= MaxChannels) status = Eca.AllocMem;
        if (status != Eca.Normal)
        {
            Error(header, entry.Cid, status, "cannot monitor as requested");
            return;
        }
        // The CA mask bits are the channel layer's update bits (VALUE, LOG=archive, ALARM, PROPERTY); unknown bits are ignored.
        var mask = payload.Length >= MaskOffset + 2
            ? (UpdateMask)BinaryPrimitives.ReadUInt16BigEndian(payload[MaskOffset..]) & KnownMaskBits
            : DefaultMask;
        if (entry.Monitors.Remove(header.P2, out var old))
        {
            Outbox.Cancel(old);
            _server.Monitors.Remove(old.Channel.Channel, old);
            _monitorCount--;
        }
        var monitor = new Monitor(entry, header.P2, header.DataType, header.Count, mask, Outbox);
        entry.Monitors[header.P2] = monitor;
        _monitorCount++;
        _server.Monitors.Add(entry.Channel, monitor);
        // The first update goes out at once with the current value, whatever the mask.
        Outbox.Offer(monitor, snapshot);
    }

    private void CancelMonitor(in CaHeader header)
    {
        if (!_channels.TryGetValue(header.P1, out var entry) || !entry.Monitors.Remove(header.P2, out var monitor)) return;
        Outbox.Cancel(monitor);
        _server.Monitors.Remove(monitor.Channel.Channel, monitor);
        _monitorCount--;
        // The final, empty EVENT_ADD tells the client the subscription is gone.
        Reply(CaHeader.Of(CaCommand.EventAdd, 0, header.DataType, header.Count, entry.Sid, header.P2));
    }

    /// <summary>CA 4.12 search over TCP: answered like UDP, and with NOT_FOUND when the client asked for it.</summary>
    private void Search(in CaHeader header, ReadOnlySpan<byte> payload)
    {
        string name = ReadName(payload);
        uint searchId = header.P1;
        if (_server.Find(name) is not null)
            Outbox.Reply(b => SearchReply.Write(b, _server.TcpPort, searchId));
        else if (header.DataType == Ca.DoReply)
            Reply(CaHeader.Of(CaCommand.NotFound, 0, Ca.DoReply, Ca.MinorVersion, header.P1, header.P1));
    }

    /// <summary>Re-evaluates the rights of every channel and tells the client about those that changed.</summary>
    public void RefreshRights()
    {
        lock (_gate) RefreshRightsLocked();
    }

    private void RefreshRightsLocked()
    {
        var role = Role;
        foreach (var entry in _channels.Values)
        {
            var rights = RightsFor(entry.Channel, role);
            if (rights == entry.Rights) continue;
            entry.Rights = rights;
            Reply(CaHeader.Of(CaCommand.AccessRights, p1: entry.Cid, p2: (uint)rights));
        }
    }

    /// <summary>The channel is no longer served: SERVER_DISCONN for each of this client's channels on it.</summary>
    public void Disconnect(Func<Channel, bool> which)
    {
        lock (_gate)
        {
            foreach (var entry in _channels.Values.Where(e => which(e.Channel)).ToList())
            {
                _channels.Remove(entry.Sid);
                DropMonitors(entry);
                Reply(CaHeader.Of(CaCommand.ServerDisconnect, p1: entry.Cid));
            }
        }
    }

    /// <summary>The circuit ended: its monitors stop receiving updates.</summary>
    public void Close()
    {
        lock (_gate)
        {
            foreach (var entry in _channels.Values) DropMonitors(entry);
            _channels.Clear();
        }
    }
}
