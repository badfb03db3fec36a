using System.Buffers.Binary;
using Vepp2k.Epics.Protocol;
using Vepp2k.Epics.Server;

namespace Vepp2k.Epics.Tests;

/// <summary>
/// The softIoc/libca conversation captured in reference/control-systems.md §5.4, replayed: the
/// client's bytes go in, the server's replies must match field by field (ids the server chooses
/// may differ).
/// </summary>
public class GoldenConversationTests
{
    private static CircuitHarness Harness() => new(TestChannels.Build(new TestChannels.Before1990()));

    [Fact]
    public void Circuit_setup_sends_version_rights_and_channel()
    {
        var h = Harness();
        // One segment: VERSION(prio 0, minor 13) + CLIENT_NAME "root" + HOST_NAME "vm" + CREATE_CHAN cid=1 minor=13.
        h.Feed([.. Msg.Bytes(0, 0, 13), .. Msg.Bytes(20, payload: Msg.Text("root")), .. Msg.Bytes(21, payload: Msg.Text("vm")),
            .. Msg.Bytes(18, 0, 0, 1, 13, Msg.Text(TestChannels.Setpoint))]);
        var r = h.Take();
        Assert.Equal(3, r.Count);
        Assert.Equal(new Msg(0, 0, 13, 0, 0, []), r[0]);
        Assert.Equal(new Msg(22, 0, 0, 1, 3, []), r[1]);
        Assert.Equal((ushort)18, r[2].Cmd);
        Assert.Equal((ushort)6, r[2].DataType);
        Assert.Equal(1u, r[2].Count);
        Assert.Equal(1u, r[2].P1);
        Assert.Empty(r[2].Payload);
    }

    [Fact]
    public void Never_processed_record_reads_udf_invalid_at_time_zero()
    {
        var h = Harness();
        uint sid = h.Open(TestChannels.Setpoint);
        h.Feed(Msg.Bytes(15, 20, 1, sid, 7));
        var read = Assert.Single(h.Take());
        Assert.Equal((15, (ushort)20, 1u, 1u, 7u), (read.Cmd, read.DataType, read.Count, read.P1, read.P2));
        Assert.Equal(24, read.Payload.Length);
        Assert.Equal(Convert.FromHexString("001100030000000000000000"), read.Payload[..12]);
    }

    [Fact]
    public void Caput_with_completion_writes_a_string()
    {
        var h = Harness();
        uint sid = h.Open(TestChannels.Setpoint);
        var value = new byte[40];
        "1.5"u8.CopyTo(value);
        h.Feed(Msg.Bytes(19, 0, 1, sid, 9, value));
        Assert.Equal(new Msg(19, 0, 1, 1, 9, []), Assert.Single(h.Take()));
        h.Feed(Msg.Bytes(15, 6, 1, sid, 10));
        Assert.Equal(1.5, Assert.Single(h.Take()).F64(0));
    }

    [Fact]
    public void Camonitor_with_dynamic_count_gets_one_element()
    {
        var h = Harness();
        uint sid = h.Open(TestChannels.Setpoint);
        h.Feed(Msg.Bytes(1, 20, 0, sid, 3, Msg.MaskPayload(5)));
        var update = Assert.Single(h.Take());
        Assert.Equal((1, (ushort)20, 1u, 1u, 3u), (update.Cmd, update.DataType, update.Count, update.P1, update.P2));
        Assert.Equal(24, update.Payload.Length);
    }

    [Fact]
    public void Ctrl_double_carries_units_precision_and_limits()
    {
        var h = Harness();
        uint sid = h.Open(TestChannels.Setpoint);
        h.Feed(Msg.Bytes(15, 34, 1, sid, 11));
        var c = Assert.Single(h.Take());
        Assert.Equal(88, c.Payload.Length);
        Assert.Equal(3, c.I16(4));
        Assert.Equal("A", c.Str(8, 8));
        double[] limits = [300, -300, 290, 250, -250, -290, 300, -300];
        for (int i = 0; i < 8; i++) Assert.Equal(limits[i], c.F64(16 + 8 * i));
    }

    [Fact]
    public void Read_only_channel_grants_read_only()
    {
        var h = Harness();
        h.Feed(Msg.Bytes(18, 0, 0, 5, 13, Msg.Text("TST:RO")));
        Assert.Equal(new Msg(22, 0, 0, 5, 1, []), h.Take()[1]);
    }

    [Fact]
    public void Udp_search_reply_echoes_sequence_and_names_our_port()
    {
        var h = Harness();
        byte[] datagram = [.. Msg.Bytes(0, 1, 13, 1), .. Msg.Bytes(6, 5, 13, 1, 1, Msg.Text(TestChannels.Setpoint))];
        var reply = new MessageBuffer();
        Assert.True(SearchResponder.Respond(datagram, h.Context, reply));
        var r = Msg.Parse(reply.Written.Span, out _);
        Assert.Equal(new Msg(0, 1, 13, 1, 0, []), r[0]);
        Assert.Equal((6, (ushort)5064, 0u, 0xFFFF_FFFFu, 1u), (r[1].Cmd, r[1].DataType, r[1].Count, r[1].P1, r[1].P2));
        Assert.Equal(Convert.FromHexString("000d000000000000"), r[1].Payload);
    }

    [Fact]
    public void Unknown_names_get_no_udp_answer()
    {
        var h = Harness();
        byte[] datagram = [.. Msg.Bytes(0, 1, 13, 4), .. Msg.Bytes(6, 10, 13, 2, 2, Msg.Text("NO:SUCH:PV"))];
        Assert.False(SearchResponder.Respond(datagram, h.Context, new MessageBuffer()));
    }

    [Fact]
    public void Several_searches_in_one_datagram_are_all_answered()
    {
        var h = Harness();
        byte[] datagram = [.. Msg.Bytes(0, 0, 13), .. Msg.Bytes(6, 5, 13, 1, 1, Msg.Text("TST:RO")),
            .. Msg.Bytes(6, 5, 13, 2, 2, Msg.Text("NOPE")), .. Msg.Bytes(6, 5, 13, 3, 3, Msg.Text("TST:ENUM"))];
        var reply = new MessageBuffer();
        Assert.True(SearchResponder.Respond(datagram, h.Context, reply));
        var r = Msg.Parse(reply.Written.Span, out _);
        Assert.Equal([0, 6, 6], r.Select(m => (int)m.Cmd));
        Assert.Equal([1u, 3u], r.Skip(1).Select(m => m.P2));
    }

    [Fact]
    public void Beacon_header_layout()
    {
        // RSRV_IS_UP: dtype = minor version, count = TCP port, p1 = beacon id, p2 = address (0 = unspecified).
        var b = new MessageBuffer();
        b.Add(CaHeader.Of(CaCommand.Beacon, 0, 13, 5064, 7, 0));
        Assert.Equal(new Msg(13, 13, 5064, 7, 0, []), Assert.Single(Msg.Parse(b.Written.Span, out _)));
        Assert.Equal(5064, BinaryPrimitives.ReadUInt16BigEndian(b.Written.Span[6..]));
    }
}
