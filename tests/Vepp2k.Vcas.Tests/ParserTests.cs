using Vepp2k.Control.Channels;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas.Tests;

/// <summary>Request lines as the facility's clients write them (Go, C, Qt and Python clients) and what they mean.</summary>
public sealed class ParserTests
{
    public static TheoryData<string, VcasMethod, string, string?> Requests => new()
    {
        { "name:VEPP/FZ_tau|method:get", VcasMethod.Get, "VEPP/FZ_tau", null },
        { "n:VEPP/FZ_tau|m:g", VcasMethod.Get, "VEPP/FZ_tau", null },
        { "method:getfull|name:A/B", VcasMethod.GetFull, "A/B", null },
        { "name:A|meth:gf", VcasMethod.GetFull, "A", null },
        { "name:X|method:set|val:0.1", VcasMethod.Set, "X", "0.1" },
        { "name:X||method:set|val:0.1", VcasMethod.Set, "X", "0.1" }, // the CX client's double bar
        { "name:X|m:s|v:-1e3", VcasMethod.Set, "X", "-1e3" },
        { "name:X|method:s|value:text with spaces", VcasMethod.Set, "X", "text with spaces" },
        { "name:X|method:set|val:a:b:c", VcasMethod.Set, "X", "a:b:c" },
        { "name:VEPP/QUAD/1F1/Volt|method:subscr", VcasMethod.Subscribe, "VEPP/QUAD/1F1/Volt", null },
        { "name:X|method:subscribe", VcasMethod.Subscribe, "X", null },
        { "name:X|method:sb", VcasMethod.Subscribe, "X", null },
        { "name:X|method:release", VcasMethod.Release, "X", null },
        { "name:X|method:rel", VcasMethod.Release, "X", null },
        { "name:X|method:create|val:none", VcasMethod.Create, "X", null },
        { "name:X|method:cr|val:5", VcasMethod.Create, "X", "5" },
        { "name:X|method:free", VcasMethod.Free, "X", null },
        { "name:X|method:f", VcasMethod.Free, "X", null },
        { "time:11.06.2005 23_59_59.999|method:set|name:test|val:11.06", VcasMethod.Set, "test", "11.06" },
        { "t:11.06.2005 23_59_59.999|method:get|name:test", VcasMethod.Get, "test", null },
        { "\t\t  time:11.06.2005 23_59_59.999|\t method:set|name :test| val\t:11.06\t ", VcasMethod.Set, "test", "11.06" },
        { "time:11.06.2005 23_59_59.999|extra:none|method:get|name:test|type:rw|units:none", VcasMethod.Get, "test", null },
        { "NAME:X|METHOD:GET", VcasMethod.Get, "X", null },
        { "name:X|method:get\r", VcasMethod.Get, "X", null },
        { "name:X|method:get|", VcasMethod.Get, "X", null },
    };

    [Theory, MemberData(nameof(Requests))]
    public void ParsesRequests(string line, VcasMethod method, string name, string? value)
    {
        var p = VcasParser.Parse(line);
        Assert.True(p.IsOk, p.Error);
        Assert.Equal(method, p.Request!.Method);
        Assert.Equal(name, p.Request.Name);
        Assert.Equal(value, p.Request.Value);
    }

    public static TheoryData<string, string, string?> Refusals => new()
    {
        { "", "no channel name", null },
        { "garbage", "not a key:value pair", null },
        { "method:get", "no channel name", null },
        { "name:|method:get", "no channel name", null },
        { "name:X", "no method", "X" },
        { "name:X|method:extra", "unknown method", "X" },
        { "name:X|method:set", "set needs a value", "X" },
        { "name:X|method:set|val:none", "set needs a value", "X" },
        { "name:A|n:B|method:get", "given twice", "A" },
        { "name:X|time:11.06.2005 23:59:59.999|method:get", "is not dd.MM.yyyy HH_mm_ss.fff", "X" },
        { "name:X|method:get|junk", "'junk' is not a key:value pair", "X" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void RefusesWithAReason(string line, string reason, string? name)
    {
        var p = VcasParser.Parse(line);
        Assert.False(p.IsOk);
        Assert.Contains(reason, p.Error);
        Assert.Equal(name, p.Name);
    }

    [Fact]
    public void RefusesLinesOverTheLimit() =>
        Assert.Contains("longer than 16", VcasParser.Parse("name:X|method:get|xxxxxxxx", maxLine: 16).Error);

    [Fact]
    public void RepliesInTheFacilityFormat()
    {
        var t = new DateTimeOffset(2005, 6, 11, 23, 59, 59, 999, TimeSpan.Zero);
        Assert.Equal("11.06.2005 23_59_59.999", VcasFormat.Time(t, TimeZoneInfo.Utc));
        Assert.Equal("name:X|time:11.06.2005 23_59_59.999|val:11.06", VcasFormat.Reply("X", VcasFormat.Time(t, TimeZoneInfo.Utc), VcasFormat.Value(ChannelValue.Of(11.06))));
        Assert.Equal("3", VcasFormat.Value(ChannelValue.OfEnum(3)));
        Assert.Equal("a/b c", VcasFormat.Value(ChannelValue.OfString("a|b\nc")));
        Assert.Equal("1 2.5", VcasFormat.Value(ChannelValue.OfArray([1, 2.5])));
        Assert.Equal("name:X|time:T|val:error|descr:X; 400 A is outside / limits", VcasFormat.Error("X", "T", "X: 400 A is outside | limits"));
        Assert.Equal("name:X|time:T|val:1|descr:d|type:rw|units:A", VcasFormat.Full("X", "T", "1", "d", "rw", "A"));
    }

    [Fact]
    public void FramerCutsLinesAndSkipsLongOnes()
    {
        var f = new LineFramer(maxLineBytes: 8);
        var lines = new List<FramedLine>();
        f.Push("ab\ncd"u8, lines);
        f.Push("e\n123456789"u8, lines);
        f.Push("0123\nxyz\n12345678\n"u8, lines);
        Assert.Equal(["ab", "cde", null, "xyz", "12345678"], lines.Select(l => l.Text));
    }

    [Fact]
    public void WriteRulesParseAndMatch()
    {
        var rules = VcasServerOptions.ParseWriters("loopback=Operator, 10.1.0.0/16=Expert, 192.168.1.5=Admin");
        Assert.Equal(Control.History.Role.Operator, VcasWriteRule.RoleOf(System.Net.IPAddress.Parse("127.0.0.1"), rules));
        Assert.Equal(Control.History.Role.Operator, VcasWriteRule.RoleOf(System.Net.IPAddress.Parse("::ffff:127.0.0.1"), rules));
        Assert.Equal(Control.History.Role.Expert, VcasWriteRule.RoleOf(System.Net.IPAddress.Parse("10.1.2.3"), rules));
        Assert.Equal(Control.History.Role.Admin, VcasWriteRule.RoleOf(System.Net.IPAddress.Parse("192.168.1.5"), rules));
        Assert.Equal(Control.History.Role.Viewer, VcasWriteRule.RoleOf(System.Net.IPAddress.Parse("10.2.0.1"), rules));
        Assert.Equal(Control.History.Role.Viewer, VcasWriteRule.RoleOf(System.Net.IPAddress.Loopback, []));
        Assert.Throws<FormatException>(() => VcasWriteRule.Parse("10.0.0.0/8=Boss"));
        Assert.Throws<FormatException>(() => VcasWriteRule.Parse("nowhere=Operator"));
    }
}
