using System.Net;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>
/// One TCP virtual circuit's protocol state, apart from the socket: the client's name and host, its
/// channels and monitors. <see cref="Handle"/> answers one request into the outbox; a request that
/// breaks the protocol beyond repair throws <see cref="CaProtocolException"/> and the circuit ends.
/// Requests arrive on the circuit's reader; withdrawals and rights changes come from other threads,
/// hence the lock.
/// </summary>
internal sealed partial class CaCircuit
{
    /// <summary>Channels (and monitors) one client may hold: a runaway client cannot grow the server without bound.</summary>
    public const int MaxChannels = 100_000;

    private readonly Lock _gate = new();
    private readonly ServerContext _server;
    private readonly IPAddress _peer;
    private readonly Dictionary<uint, ClientChannel> _channels = [];
    private uint _nextSid = 1;
    private int _monitorCount;
    private string _user = "";
    private string _host = "";

    public CaCircuit(ServerContext server, IPAddress peer, Outbox outbox)
    {
        _server = server;
        _peer = peer;
        Outbox = outbox;
        // CA 4.11: the server announces its version as soon as the circuit opens.
        outbox.Reply(b => b.Add(CaHeader.Of(CaCommand.Version, count: Ca.MinorVersion)));
    }

    public Outbox Outbox { get; }

    /// <summary>Channels the client holds now.</summary>
    public int ChannelCount
    {
        get { lock (_gate) return _channels.Count; }
    }

    public Role Role => _server.Rules.RoleFor(_user, _host, _peer);

    public void Handle(in CaHeader header, ReadOnlySpan<byte> payload)
    {
        lock (_gate)
        {
            switch (header.Cmd)
            {
                case CaCommand.Version: break; // The client's priority and version change nothing here.
                case CaCommand.ClientName: _user = ReadName(payload); RefreshRightsLocked(); break;
                case CaCommand.HostName: _host = ReadName(payload); RefreshRightsLocked(); break;
                case CaCommand.CreateChannel: CreateChannel(header, payload); break;
                case CaCommand.ClearChannel: ClearChannel(header); break;
                case CaCommand.ReadNotify: Read(header, notify: true); break;
                case CaCommand.Read: Read(header, notify: false); break;
                case CaCommand.Write: Write(header, payload, notify: false); break;
                case CaCommand.WriteNotify: Write(header, payload, notify: true); break;
                case CaCommand.EventAdd: AddMonitor(header, payload); break;
                case CaCommand.EventCancel: CancelMonitor(header); break;
                case CaCommand.EventsOff: Outbox.SetEvents(false); break;
                case CaCommand.EventsOn: Outbox.SetEvents(true); break;
                case CaCommand.Echo: Reply(CaHeader.Of(CaCommand.Echo), payload); break;
                case CaCommand.Search: Search(header, payload); break;
                // Anything else (obsolete or client-side commands) is ignored, as an IOC does.
            }
        }
    }

    private static string ReadName(ReadOnlySpan<byte> payload) => DbrDecoder.ReadString(payload);

    private void Reply(CaHeader header, ReadOnlySpan<byte> payload = default)
    {
        var copy = payload.ToArray();
        Outbox.Reply(b => b.Add(header, copy));
    }

    /// <summary>CA_PROTO_ERROR: the offending request's header and a message, for requests with no reply of their own.</summary>
    private void Error(in CaHeader request, uint cid, uint eca, string message)
    {
        var r = request;
        Outbox.Reply(b =>
        {
            int text = System.Text.Encoding.UTF8.GetByteCount(message);
            var payload = b.Begin(CaHeader.Of(CaCommand.Error, (uint)(Ca.HeaderSize + text + 1), p1: cid, p2: eca));
            (r with { PayloadSize = Math.Min(r.PayloadSize, 0xFFFF), Count = Math.Min(r.Count, 0xFFFF) }).WriteTo(payload);
            System.Text.Encoding.UTF8.GetBytes(message, payload[Ca.HeaderSize..]);
        });
    }

    private AccessRights RightsFor(Channel channel, Role role) =>
        AccessRights.Read | (channel.Spec.Access == ChannelAccess.ReadWrite && channel.WriteHandler is not null && role.CanWrite()
            ? AccessRights.Write
            : AccessRights.None);

    private void CreateChannel(in CaHeader header, ReadOnlySpan<byte> payload)
    {
        uint cid = header.P1;
        var channel = _server.Find(ReadName(payload));
        if (channel is null || _channels.Count + _monitorCount >= MaxChannels)
        {
            Reply(CaHeader.Of(CaCommand.CreateChannelFail, p1: cid));
            return;
        }
        var rights = RightsFor(channel, Role);
        var entry = new ClientChannel(cid, _nextSid++, channel, rights);
        _channels[entry.Sid] = entry;
        var native = new DbrSource(channel.Spec, channel.Snapshot());
        Outbox.Reply(b =>
        {
            b.Add(CaHeader.Of(CaCommand.AccessRights, p1: cid, p2: (uint)rights));
            b.Add(CaHeader.Of(CaCommand.CreateChannel, dataType: DbrSource.NativeType(channel.Spec.Type), count: native.NativeCount, p1: cid, p2: entry.Sid));
        });
    }

    private void ClearChannel(in CaHeader header)
    {
        if (!_channels.Remove(header.P1, out var entry))
        {
            Error(header, header.P2, Eca.BadChannelId, "no such channel");
            return;
        }
        DropMonitors(entry);
        Reply(CaHeader.Of(CaCommand.ClearChannel, p1: entry.Sid, p2: entry.Cid));
    }

    private void DropMonitors(ClientChannel entry)
    {
        foreach (var m in entry.Monitors.Values)
        {
            Outbox.Cancel(m);
            _server.Monitors.Remove(entry.Channel, m);
        }
        _monitorCount -= entry.Monitors.Count;
        entry.Monitors.Clear();
    }

    private void Read(in CaHeader header, bool notify)
    {
        if (!_channels.TryGetValue(header.P1, out var entry))
        {
            Error(header, header.P1, Eca.BadChannelId, "no such channel");
            return;
        }
        var source = new DbrSource(entry.Channel.Spec, entry.Channel.Snapshot());
        uint status = CheckRequest(header.DataType, header.Count, source);
        if (status != Eca.Normal)
        {
            if (notify) Reply(CaHeader.Of(CaCommand.ReadNotify, 0, header.DataType, header.Count, status, header.P2));
            else Error(header, entry.Cid, status, "cannot read as requested");
            return;
        }
        int count = header.Count == 0 ? source.Count : (int)header.Count;
        var reply = CaHeader.Of(notify ? CaCommand.ReadNotify : CaCommand.Read, (uint)DbrType.Size(header.DataType, count),
            header.DataType, (uint)count, notify ? Eca.Normal : entry.Sid, header.P2);
        ushort type = header.DataType;
        Outbox.Reply(b => DbrEncoder.Write(b.Begin(reply), type, count, source));
    }

    /// <summary>A DBR type 0-34 and a count no larger than the channel has now (0 = all of them).</summary>
    private static uint CheckRequest(ushort type, uint count, in DbrSource source) =>
        !DbrType.IsValid(type) ? Eca.BadType : count > source.Count ? Eca.BadCount : Eca.Normal;

    private void Write(in CaHeader header, ReadOnlySpan<byte> payload, bool notify)
    {
        if (!_channels.TryGetValue(header.P1, out var entry))
        {
            Error(header, header.P1, Eca.BadChannelId, "no such channel");
            return;
        }
        var (status, message, done) = Put(entry, header, payload);
        if (!notify)
        {
            if (status != Eca.Normal) Error(header, entry.Cid, status, message);
            return;
        }
        var reply = CaHeader.Of(CaCommand.WriteNotify, 0, header.DataType, header.Count, status, header.P2);
        if (done is null)
        {
            Reply(reply);
            return;
        }
        // A put-callback completes when what the write set moving has arrived (the motor record's
        // DMOV), or fails with PUTFAIL when it was aborted, superseded, tripped or never arrived.
        done.ContinueWith(t => Reply(reply with { P1 = t.IsCompletedSuccessfully && t.Result.Applied ? Eca.Normal : Eca.PutFail }),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private (uint Status, string Message, Task<WriteResult>? Done) Put(ClientChannel entry, in CaHeader header, ReadOnlySpan<byte> payload)
    {
        // The server refuses on its own rights, whatever the client library decides locally.
        if ((entry.Rights & AccessRights.Write) == 0) return (Eca.NoWriteAccess, $"{entry.Channel.Spec.PvName}: no write access", null);
        uint status = DbrDecoder.TryDecode(header.DataType, header.Count, payload, entry.Channel.Spec, out var value);
        if (status != Eca.Normal) return (status, "value cannot be converted", null);
        WriteResult result;
        try
        {
            result = entry.Channel.Write(value, new WriteContext(_user.Length > 0 ? _user : "ca", Role, $"ca {_host} {_peer}"));
        }
        catch (Exception e)
        {
            // A failing write handler is this put's failure, not the circuit's: the client is told why.
            result = WriteResult.Refused(e.Message);
        }
        return result.Applied ? (Eca.Normal, "", result.Done) : (Eca.PutFail, result.Message, null);
    }
}

/// <summary>The client broke the protocol so that the stream cannot be followed any more.</summary>
internal sealed class CaProtocolException(string message) : Exception(message);
