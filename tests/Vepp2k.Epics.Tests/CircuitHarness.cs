using System.Net;
using Vepp2k.Control.Channels;
using Vepp2k.Epics.Access;
using Vepp2k.Epics.Protocol;
using Vepp2k.Epics.Server;

namespace Vepp2k.Epics.Tests;

/// <summary>One circuit driven without sockets: bytes in, the batch the writer would send out.</summary>
internal sealed class CircuitHarness
{
    private readonly List<byte> _unread = [];
    private readonly MessageBuffer _batch = new();

    public CircuitHarness(ChannelRegistry registry, AccessRules? rules = null, IPAddress? peer = null)
    {
        Context = new ServerContext(registry, new CaServerOptions(), rules ?? AccessRules.LocalOperators, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance) { TcpPort = 5064 };
        Outbox = new Outbox();
        Circuit = new CaCircuit(Context, peer ?? IPAddress.Loopback, Outbox);
    }

    public ServerContext Context { get; }
    public Outbox Outbox { get; }
    public CaCircuit Circuit { get; }

    /// <summary>Feeds stream bytes (any split); complete messages are handled, the rest waits for more.</summary>
    public void Feed(params byte[][] chunks)
    {
        foreach (var chunk in chunks) _unread.AddRange(chunk);
        var data = _unread.ToArray();
        int used = CaConnection.Frame(data, Circuit, Context.Options.MaxPayload);
        _unread.RemoveRange(0, used);
    }

    public List<Msg> Take()
    {
        _batch.Clear();
        Outbox.TakeBatch(_batch);
        var list = Msg.Parse(_batch.Written.Span, out int used);
        Assert.Equal(_batch.Length, used);
        return list;
    }

    /// <summary>VERSION, names and CREATE_CHAN as libca sends them in one segment; returns the server's id.</summary>
    public uint Open(string pv, uint cid = 1, string user = "root", string host = "vm")
    {
        Feed(Msg.Bytes(0, 0, 13), Msg.Bytes(20, payload: Msg.Text(user)), Msg.Bytes(21, payload: Msg.Text(host)),
            Msg.Bytes(18, 0, 0, cid, 13, Msg.Text(pv)));
        var replies = Take();
        var create = replies.Single(m => m.Cmd == 18);
        return create.P2;
    }
}
