using System.Buffers.Binary;
using System.Net;
using Vepp2k.Control.Channels;
using Vepp2k.Epics.Access;

namespace Vepp2k.Epics.Tests;

/// <summary>Writes from every plain type, refusals with their ECA codes, monitors with masks and deadbands.</summary>
public class WriteAndMonitorTests
{
    private const uint NoWriteAccess = 0x178, PutFail = 0x0a0, NoConvert = 0x190;

    private static byte[] Element(ushort type, double x) => type switch
    {
        0 => Msg.Text(x.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        1 => Be(b => BinaryPrimitives.WriteInt16BigEndian(b, (short)x), 2),
        2 => Be(b => BinaryPrimitives.WriteSingleBigEndian(b, (float)x), 4),
        3 => Be(b => BinaryPrimitives.WriteUInt16BigEndian(b, (ushort)x), 2),
        4 => [(byte)x],
        5 => Be(b => BinaryPrimitives.WriteInt32BigEndian(b, (int)x), 4),
        _ => Be(b => BinaryPrimitives.WriteDoubleBigEndian(b, x), 8),
    };

    private static byte[] Be(Action<byte[]> write, int size)
    {
        var b = new byte[size];
        write(b);
        return b;
    }

    private static uint WriteNotify(CircuitHarness h, uint sid, ushort type, byte[] value)
    {
        h.Feed(Msg.Bytes(19, type, 1, sid, 3, value));
        var r = Assert.Single(h.Take());
        Assert.Equal((19, type, 3u), (r.Cmd, r.DataType, r.P2));
        return r.P1;
    }

    [Theory]
    [InlineData(0)] [InlineData(1)] [InlineData(2)] [InlineData(3)] [InlineData(4)] [InlineData(5)] [InlineData(6)]
    public void Every_plain_type_writes_an_integer_channel(int type)
    {
        var registry = TestChannels.Build();
        var h = new CircuitHarness(registry);
        uint sid = h.Open("TST:INT");
        Assert.Equal(1u, WriteNotify(h, sid, (ushort)type, Element((ushort)type, 77)));
        Assert.Equal(77, registry.FindPv("TST:INT")!.Snapshot().Value.Number);
    }

    [Fact]
    public void Enum_accepts_labels_and_refuses_nonsense()
    {
        var registry = TestChannels.Build();
        var h = new CircuitHarness(registry);
        uint sid = h.Open("TST:ENUM");
        Assert.Equal(1u, WriteNotify(h, sid, 0, Msg.Text("Fault")));
        Assert.Equal(2, registry.FindPv("TST:ENUM")!.Snapshot().Value.Number);
        Assert.Equal(NoConvert, WriteNotify(h, sid, 0, Msg.Text("Broken")));
        Assert.Equal(PutFail, WriteNotify(h, sid, 6, Element(6, 7)));
    }

    [Fact]
    public void String_channel_takes_strings_and_char_arrays()
    {
        var registry = TestChannels.Build();
        var h = new CircuitHarness(registry);
        uint sid = h.Open("TST:TEXT");
        Assert.Equal(1u, WriteNotify(h, sid, 0, Msg.Text("mode 2")));
        Assert.Equal("mode 2", registry.FindPv("TST:TEXT")!.Snapshot().Value.Text);
        h.Feed(Msg.Bytes(19, 4, 6, sid, 4, "longer"u8.ToArray()));
        Assert.Equal(1u, Assert.Single(h.Take()).P1);
        Assert.Equal("longer", registry.FindPv("TST:TEXT")!.Snapshot().Value.Text);
    }

    [Fact]
    public void Drive_limits_refuse_with_putfail_and_plain_write_errors_come_as_ca_error()
    {
        var h = new CircuitHarness(TestChannels.Build());
        uint sid = h.Open(TestChannels.Setpoint);
        Assert.Equal(PutFail, WriteNotify(h, sid, 6, Element(6, 500)));
        h.Feed(Msg.Bytes(4, 6, 1, sid, 0, Element(6, 500)));
        var error = Assert.Single(h.Take());
        Assert.Equal((11, 1u, PutFail), (error.Cmd, error.P1, error.P2));
        Assert.Equal(4, BinaryPrimitives.ReadUInt16BigEndian(error.Payload)); // the offending request's header
        Assert.Contains("drive limits", error.Str(16, error.Payload.Length - 16));
    }

    [Fact]
    public void Server_refuses_writes_without_the_write_bit()
    {
        var registry = TestChannels.Build();
        // A remote host no rule matches: Viewer, so the write bit is off even on a writable channel.
        var h = new CircuitHarness(registry, AccessRules.LocalOperators, IPAddress.Parse("10.1.2.3"));
        h.Feed(Msg.Bytes(18, 0, 0, 1, 13, Msg.Text(TestChannels.Setpoint)));
        var open = h.Take();
        Assert.Equal(new Msg(22, 0, 0, 1, 1, []), open[1]);
        Assert.Equal(NoWriteAccess, WriteNotify(h, open[2].P2, 6, Element(6, 5)));
        Assert.Equal(0, registry.FindPv(TestChannels.Setpoint)!.Snapshot().Value.Number);
        var ro = new CircuitHarness(registry);
        uint sid = ro.Open("TST:RO");
        Assert.Equal(NoWriteAccess, WriteNotify(ro, sid, 6, Element(6, 5)));
    }

    [Fact]
    public void Rights_follow_the_rules_and_refresh_pushes_changes()
    {
        var rules = AccessRules.Parse("""
            HAG ops { 127.0.0.1 }
            UAG operators { alice }
            RULE operators ops Operator
            """);
        var h = new CircuitHarness(TestChannels.Build(), rules);
        h.Feed(Msg.Bytes(20, payload: Msg.Text("bob")), Msg.Bytes(18, 0, 0, 1, 13, Msg.Text(TestChannels.Setpoint)));
        Assert.Equal(1u, h.Take()[1].P2);
        h.Feed(Msg.Bytes(20, payload: Msg.Text("alice")));
        Assert.Equal(new Msg(22, 0, 0, 1, 3, []), Assert.Single(h.Take()));
        h.Context.Rules = AccessRules.Parse("DEFAULT Viewer");
        h.Circuit.RefreshRights();
        Assert.Equal(new Msg(22, 0, 0, 1, 1, []), Assert.Single(h.Take()));
    }

    [Fact]
    public void Monitors_follow_masks_and_deadbands_and_coalesce()
    {
        var registry = TestChannels.Build();
        var h = new CircuitHarness(registry);
        registry.Listen(h.Context.Monitors.Deliver);
        uint sid = h.Open("TST:DEAD");
        h.Feed(Msg.Bytes(1, 6, 1, sid, 1, Msg.MaskPayload(1)), Msg.Bytes(1, 6, 1, sid, 2, Msg.MaskPayload(2)));
        Assert.Equal(2, h.Take().Count); // first updates, whatever the mask
        var channel = registry.FindPv("TST:DEAD")!;
        var now = DateTimeOffset.UtcNow;
        channel.Post(0, now); // first processing: passes both deadbands
        h.Take();
        channel.Post(0.5, now);
        Assert.Empty(h.Take());
        channel.Post(1.5, now);
        Assert.Equal([1u], h.Take().Select(m => m.P2));
        channel.Post(6, now);
        var both = h.Take();
        Assert.Equal([1u, 2u], both.Select(m => m.P2).Order());
        // Unread updates coalesce: the client gets the latest only.
        for (int i = 0; i < 100; i++) channel.Post(10 + 2 * i, now);
        var latest = h.Take().Single(m => m.P2 == 1);
        Assert.Equal(208.0, latest.F64(0));
        Assert.True(h.Outbox.Coalesced >= 98);
    }

    [Fact]
    public void Cancel_clear_echo_and_events_off()
    {
        var registry = TestChannels.Build();
        var h = new CircuitHarness(registry);
        registry.Listen(h.Context.Monitors.Deliver);
        uint sid = h.Open("TST:FAST");
        h.Feed(Msg.Bytes(1, 20, 0, sid, 9, Msg.MaskPayload(1)));
        h.Take();
        h.Feed(Msg.Bytes(8));
        registry.FindPv("TST:FAST")!.Post(1, DateTimeOffset.UtcNow);
        Assert.Empty(h.Take());
        h.Feed(Msg.Bytes(9));
        Assert.Equal(1.0, Assert.Single(h.Take()).F64(16));
        h.Feed(Msg.Bytes(2, 20, 0, sid, 9));
        Assert.Equal(new Msg(1, 20, 0, sid, 9, []), Assert.Single(h.Take()));
        registry.FindPv("TST:FAST")!.Post(2, DateTimeOffset.UtcNow);
        Assert.Empty(h.Take());
        h.Feed(Msg.Bytes(23));
        Assert.Equal(new Msg(23, 0, 0, 0, 0, []), Assert.Single(h.Take()));
        h.Feed(Msg.Bytes(12, 0, 0, sid, 1));
        Assert.Equal(new Msg(12, 0, 0, sid, 1, []), Assert.Single(h.Take()));
        h.Feed(Msg.Bytes(15, 6, 1, sid, 1));
        Assert.Equal(11, Assert.Single(h.Take()).Cmd); // the channel is gone: ECA_BADCHID error
    }

    [Fact]
    public void Withdrawn_channel_disconnects_and_is_no_longer_found()
    {
        var h = new CircuitHarness(TestChannels.Build());
        h.Open("TST:RO", cid: 8);
        h.Context.Withdraw("TST:RO");
        h.Circuit.Disconnect(c => c.Spec.PvName == "TST:RO");
        Assert.Equal(new Msg(27, 0, 0, 8, 0, []), Assert.Single(h.Take()));
        h.Feed(Msg.Bytes(18, 0, 0, 9, 13, Msg.Text("TST:RO")));
        Assert.Equal(new Msg(26, 0, 0, 9, 0, []), Assert.Single(h.Take()));
        h.Context.Restore("TST:RO");
        h.Feed(Msg.Bytes(18, 0, 0, 10, 13, Msg.Text("TST:RO")));
        Assert.Equal(18, h.Take()[1].Cmd);
    }

    [Fact]
    public void Deprecated_read_answers_with_the_channel_id_and_failing_handlers_fail_the_put()
    {
        var registry = TestChannels.Build();
        registry.FindPv("TST:INT")!.WriteHandler = (_, _) => throw new InvalidOperationException("driver fault");
        var h = new CircuitHarness(registry);
        uint sid = h.Open("TST:INT");
        h.Feed(Msg.Bytes(3, 5, 1, sid, 12));
        var r = Assert.Single(h.Take());
        Assert.Equal((3, (ushort)5, 1u, sid, 12u, 42), (r.Cmd, r.DataType, r.Count, r.P1, r.P2, r.I32(0)));
        Assert.Equal(PutFail, WriteNotify(h, sid, 5, Element(5, 1)));
    }

    [Fact]
    public void Tcp_search_answers_and_says_not_found_when_asked()
    {
        var h = new CircuitHarness(TestChannels.Build());
        h.Feed(Msg.Bytes(6, 10, 13, 4, 4, Msg.Text("TST:RO")), Msg.Bytes(6, 10, 13, 5, 5, Msg.Text("NOPE")), Msg.Bytes(6, 5, 13, 6, 6, Msg.Text("NOPE")));
        var r = h.Take().Skip(1).ToList();
        Assert.Equal((6, 4u), (r[0].Cmd, r[0].P2));
        Assert.Equal(new Msg(14, 10, 13, 5, 5, []), r[1]);
        Assert.Equal(2, r.Count);
    }
}
