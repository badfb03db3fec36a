using System.Diagnostics;
using System.Text;
using CsCheck;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas.Tests;

/// <summary>
/// The network-facing parser and framer under random and protocol-shaped garbage (1.1 million inputs
/// in all): they never throw, answer every bad line with a reason, and keep their documented bounds.
/// </summary>
public sealed class FuzzTests
{
    private static readonly string[] Keys = ["name", "n", "method", "m", "meth", "val", "v", "value", "time", "t", "descr", "units", "type", "", " name", "NAME", "junk", "n:m"];
    private static readonly string[] Values = ["get", "g", "getfull", "gf", "set", "s", "subscribe", "subscr", "sb", "release", "rel", "create", "cr", "free", "f",
        "none", "", "VEPP/QUAD/1F1/SCur", "11.06.2005 23_59_59.999", "31.02.2005 25_61_61.000", "1e308", "-0", "NaN", "\r", "\t", " x ", "é€", "\0"];
    private static readonly Gen<string> Piece = Gen.OneOf(Gen.OneOf(Values), Gen.Char.Array[0, 6].Select(c => new string(c)));
    private static readonly Gen<string> Pair = Gen.Select(Gen.OneOf(Keys), Gen.OneOf(":", "", "::", " : "), Piece, (k, sep, v) => k + sep + v);
    private static readonly Gen<string> ShapedLine = Gen.Select(Pair.Array[0, 8], Gen.OneOf("|", "||", "| ", "\r|"), (pairs, bar) => string.Join(bar, pairs));

    [Fact]
    public void RandomTextNeverThrowsAndAlwaysSaysWhy() =>
        Gen.OneOf(Gen.String, Gen.Char.Array[0, 2000].Select(c => new string(c))).Sample(s => { AssertSound(s); }, iter: 300_000);

    [Fact]
    public void ProtocolShapedGarbageNeverThrowsAndRoundTrips() => ShapedLine.Sample(line =>
    {
        var p = AssertSound(line);
        if (p.Request is not { } r) return;
        // What parsed must mean the same when written back canonically: an independent oracle for the aliases.
        var canonical = $"name:{r.Name}|method:{r.Method.ToString().ToLowerInvariant()}" + (r.Value is null ? "" : $"|val:{r.Value}");
        var again = VcasParser.Parse(canonical);
        Assert.True(again.IsOk, $"'{line}' parsed, its canonical form '{canonical}' did not: {again.Error}");
        Assert.Equal((r.Method, r.Name, r.Value), (again.Request!.Method, again.Request.Name, again.Request.Value));
    }, iter: 600_000);

    private static VcasParse AssertSound(string line)
    {
        var p = VcasParser.Parse(line);
        if (p.IsOk)
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Request!.Name));
            Assert.True(p.Request.Method != VcasMethod.Set || p.Request.Value is not null);
        }
        else Assert.False(string.IsNullOrWhiteSpace(p.Error));
        return p;
    }

    [Fact]
    public void FramerMatchesSplittingWholeStreamsAndNeverHoldsMoreThanItsLimit()
    {
        const int max = 16;
        var bytes = Gen.Byte.Array[0, 120];
        var streams = Gen.OneOf(bytes, Gen.OneOf("a\n"u8.ToArray(), "name:X|method:get\n"u8.ToArray(), [(byte)'\n'], [0xff, 0xfe]).Array[0, 10]
            .Select(parts => parts.SelectMany(p => p).ToArray()));
        Gen.Select(streams, Gen.Int[1, 40].Array[1, 8]).Sample((data, cuts) =>
        {
            var framer = new LineFramer(max);
            var lines = new List<FramedLine>();
            int at = 0, k = 0;
            while (at < data.Length)
            {
                int n = Math.Min(cuts[k++ % cuts.Length], data.Length - at);
                framer.Push(data.AsSpan(at, n), lines);
                at += n;
            }
            Assert.Equal(Expected(data, max), lines.Select(l => l.Text));
        }, iter: 200_000);
    }

    // The reference: split the whole stream at '\n'; the unterminated tail is not a line yet.
    private static IEnumerable<string?> Expected(byte[] data, int max)
    {
        var parts = new List<byte[]>();
        int start = 0;
        for (int i = 0; i < data.Length; i++)
            if (data[i] == (byte)'\n')
            {
                parts.Add(data[start..i]);
                start = i + 1;
            }
        var result = parts.Select(p => p.Length > max ? null : Encoding.UTF8.GetString(p)).ToList();
        if (data.Length - start > max) result.Add(null); // reported as soon as it overflows
        return result;
    }

    [Fact]
    public void WorstCaseLinesAtTheLimitParseQuickly()
    {
        var sw = Stopwatch.StartNew();
        foreach (var c in "|:x ")
        {
            var line = new string(c, VcasParser.DefaultMaxLine);
            Assert.False(VcasParser.Parse(line).IsOk);
        }
        var many = string.Concat(Enumerable.Repeat("junk:1|", VcasParser.DefaultMaxLine / 8)) + "name:X|method:get";
        Assert.True(VcasParser.Parse(many).IsOk);
        Assert.False(VcasParser.Parse(new string('x', VcasParser.DefaultMaxLine + 1)).IsOk);
        Assert.True(sw.ElapsedMilliseconds < 2000, $"{sw.ElapsedMilliseconds} ms for five 64 KiB lines");
    }
}
