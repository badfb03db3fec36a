using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Tests;

/// <summary>Reads of every DBR type 0-34, checked against the struct sizes of db_access.h (dbr_size[]).</summary>
public class DbrTypeTests
{
    // dbr_size[] from db_access.h, one row per family: STRING SHORT FLOAT ENUM CHAR LONG DOUBLE.
    private static readonly int[] Sizes =
    [
        40, 2, 4, 2, 1, 4, 8,
        44, 6, 8, 6, 6, 8, 16,
        52, 16, 16, 16, 16, 16, 24,
        44, 26, 44, 424, 20, 40, 72,
        44, 30, 52, 424, 22, 48, 88,
    ];

    private static (CircuitHarness H, uint Sid) Open(string pv, double? post = null)
    {
        var registry = TestChannels.Build();
        if (post is { } x) registry.FindPv(pv)!.Post(x, DateTimeOffset.UtcNow);
        var h = new CircuitHarness(registry);
        return (h, h.Open(pv));
    }

    private static Msg Read(CircuitHarness h, uint sid, ushort type, uint count = 1)
    {
        h.Feed(Msg.Bytes(15, type, count, sid, 77));
        var r = Assert.Single(h.Take());
        Assert.Equal((ushort)15, r.Cmd);
        Assert.Equal(77u, r.P2);
        return r;
    }

    public static TheoryData<int> AllTypes() => [.. Enumerable.Range(0, 35)];

    [Theory, MemberData(nameof(AllTypes))]
    public void Every_type_has_the_db_access_size_and_the_value_last(int type)
    {
        var (h, sid) = Open(TestChannels.Setpoint, 270.75);
        var r = Read(h, sid, (ushort)type);
        Assert.Equal(1u, r.P1);
        Assert.Equal((Sizes[type] + 7) / 8 * 8, r.Payload.Length);
        int element = type % 7;
        int at = Sizes[type] - Sizes[element];
        object value = element switch
        {
            0 => r.Str(at, 40),
            1 => (double)r.I16(at),
            2 => (double)r.F32(at),
            3 => (double)r.U16(at),
            4 => (double)r.Payload[at],
            5 => (double)r.I32(at),
            _ => r.F64(at),
        };
        object expected = element switch { 0 => "270.750", 2 or 6 => 270.75, 4 => 255.0, _ => 270.0 };
        Assert.Equal(expected, value);
        if (type >= 7)
        {
            // HIGH = 250 MINOR: status 4 (HIGH), severity 1 (MINOR).
            Assert.Equal((4, 1), (r.I16(0), r.I16(2)));
        }
    }

    [Fact]
    public void Time_stamp_counts_from_1990()
    {
        var (h, sid) = Open(TestChannels.Setpoint, 1);
        var r = Read(h, sid, 20);
        long posix = r.U32(4) + 631_152_000L;
        Assert.InRange(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - posix, 0, 5);
        Assert.InRange(r.U32(8), 0u, 999_999_999u);
    }

    [Fact]
    public void Gr_and_ctrl_of_integer_element_types_carry_units_and_limits()
    {
        var (h, sid) = Open(TestChannels.Setpoint, 1);
        var ctrlLong = Read(h, sid, 33);
        Assert.Equal("A", ctrlLong.Str(4, 8));
        int[] limits = [300, -300, 290, 250, -250, -290, 300, -300];
        for (int i = 0; i < 8; i++) Assert.Equal(limits[i], ctrlLong.I32(12 + 4 * i));
        var grShort = Read(h, sid, 22);
        for (int i = 0; i < 6; i++) Assert.Equal(limits[i], grShort.I16(12 + 2 * i));
        var ctrlFloat = Read(h, sid, 30);
        Assert.Equal(3, ctrlFloat.I16(4));
        Assert.Equal(290f, ctrlFloat.F32(16 + 8));
    }

    [Fact]
    public void Enum_gr_and_ctrl_carry_the_labels()
    {
        var (h, sid) = Open("TST:ENUM");
        foreach (ushort type in new ushort[] { 24, 31 })
        {
            var r = Read(h, sid, type);
            Assert.Equal(3, r.I16(4));
            Assert.Equal(["Off", "On", "Fault"], Enumerable.Range(0, 3).Select(i => r.Str(6 + 26 * i, 26)));
            Assert.Equal(1, r.U16(422));
        }
        Assert.Equal("On", Read(h, sid, 0).Str(0, 40));
        Assert.Equal("On", Read(h, sid, 14).Str(12, 40));
    }

    [Fact]
    public void String_and_integer_channels_convert()
    {
        var (h, sid) = Open("TST:TEXT");
        Assert.Equal("hello", Read(h, sid, 28).Str(4, 40));
        var (hi, sidi) = Open("TST:INT");
        Assert.Equal("42", Read(hi, sidi, 0).Str(0, 40));
        Assert.Equal(42.0, Read(hi, sidi, 6).F64(0));
        Assert.Equal(0, Read(hi, sidi, 34).I16(4)); // integers have no precision
    }

    [Fact]
    public void Arrays_read_with_dynamic_and_fixed_counts()
    {
        var (h, sid) = Open("TST:ARR");
        var all = Read(h, sid, 6, 0);
        Assert.Equal(3u, all.Count);
        Assert.Equal([1.0, 2, 3], Enumerable.Range(0, 3).Select(i => all.F64(8 * i)));
        Assert.Equal(2u, Read(h, sid, 5, 2).Count);
        var tooMany = Read(h, sid, 6, 4);
        Assert.Equal(0x0b0u, tooMany.P1); // ECA_BADCOUNT
        var badType = Read(h, sid, 35);
        Assert.Equal(0x072u, badType.P1); // ECA_BADTYPE
    }

    [Fact]
    public void Large_arrays_use_the_extended_header_both_ways()
    {
        var registry = TestChannels.Build();
        var h = new CircuitHarness(registry);
        uint sid = h.Open("TST:ARR");
        var values = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        var payload = new byte[values.Length * 8];
        for (int i = 0; i < values.Length; i++) System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(payload.AsSpan(8 * i), values[i]);
        h.Feed(Extended(19, 6, (uint)values.Length, sid, 5, payload));
        Assert.Equal(1u, Assert.Single(h.Take()).P1);
        Assert.Equal(values, registry.FindPv("TST:ARR")!.Snapshot().Value.Array.ToArray());
        h.Feed(Msg.Bytes(15, 6, 0, sid, 6));
        var r = Assert.Single(h.Take());
        Assert.Equal(10_000u, r.Count);
        Assert.Equal(9999.0, r.F64(8 * 9999));
    }

    private static byte[] Extended(ushort cmd, ushort type, uint count, uint p1, uint p2, byte[] payload)
    {
        var b = new byte[24 + payload.Length];
        var s = b.AsSpan();
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(s, cmd);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(s[2..], 0xFFFF);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(s[4..], type);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(s[8..], p1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(s[12..], p2);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(s[16..], (uint)payload.Length);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(s[20..], count);
        payload.CopyTo(b, 24);
        return b;
    }

    [Fact]
    public void Negative_and_out_of_range_values_saturate()
    {
        var (h, sid) = Open("TST:INT");
        var registry = h.Context.Registry;
        registry.FindPv("TST:INT")!.Post(ChannelValue.OfInteger(-70_000), DateTimeOffset.UtcNow);
        Assert.Equal(short.MinValue, Read(h, sid, 1).I16(0));
        Assert.Equal(0, Read(h, sid, 4).Payload[0]);
        Assert.Equal(0, Read(h, sid, 3).U16(0));
    }
}
