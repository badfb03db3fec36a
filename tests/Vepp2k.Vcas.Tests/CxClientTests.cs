using System.Text;
using Vepp2k.Control.History;
using Xunit.Abstractions;

namespace Vepp2k.Vcas.Tests;

/// <summary>
/// The server against the bytes the facility's CXv4 client sends and the way it reads the answers
/// (<see cref="CxWire"/>): each test is one defect found by running the real CXv4 client.
/// </summary>
[Collection(nameof(RunningSystem))]
public sealed class CxClientTests(RunningSystem rig, ITestOutputHelper log)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static VcasServerOptions Writable => new() { Writers = VcasWriteRule.Loopback(Role.Operator) };

    private async Task<VcasServer> Start(VcasServerOptions? options = null)
    {
        var server = new VcasServer(rig.System.Registry, (options ?? new VcasServerOptions()) with { Port = 0 });
        await server.StartAsync();
        return server;
    }

    /// <summary>Sends a get and returns the lines up to its reply (a marker that every earlier request was handled).</summary>
    private static async Task<List<string>> Until(CxConnection c, string marker = VcasServer.ClientsChannel)
    {
        await c.SendAsync($"name:{marker}|method:get\n");
        var lines = new List<string>();
        while (true)
        {
            var line = await c.LineAsync(Wait) ?? throw new Xunit.Sdk.XunitException("closed");
            lines.Add(line);
            if (line.StartsWith($"name:{marker}|", StringComparison.Ordinal)) return lines;
        }
    }

    [Fact]
    public async Task AReadOnlyClientCannotCreateAndCxSeesNoSpoofedValue()
    {
        await using var server = await Start();
        using var viewer = await CxConnection.OpenAsync(server.Port);
        const string spoof = "VEPP/QUAD/1F1/Spoof";
        await viewer.SendAsync($"name:{spoof}|method:create|val:123.456\n");
        await viewer.SendAsync("name:TEST/Vcas/ViewerResult|method:create|val:1\n");
        var replies = await Until(viewer);
        Assert.Contains(replies, l => l.StartsWith($"name:{spoof}|", StringComparison.Ordinal) && l.Contains("|val:error|") && l.Contains("write role"));
        Assert.Contains(replies, l => l.StartsWith("name:TEST/Vcas/ViewerResult|", StringComparison.Ordinal) && l.Contains("|val:error|") && l.Contains("write role"));

        using var cx = await CxConnection.OpenAsync(server.Port);
        await cx.SendAsync(CxWire.Subscribe(spoof));
        var (outcome, value, line, _) = await cx.OutcomeAsync(spoof, Wait);
        Assert.True(outcome == CxOutcome.NotFound, $"CX saw {outcome} {value} from '{line}'");
    }

    [Fact]
    public async Task AWriterCreatesOnlyOutsideTheMachineTree()
    {
        await using var server = await Start(Writable);
        using var writer = await CxConnection.OpenAsync(server.Port);
        foreach (var name in (string[])["VEPP/QUAD/1F1/Spoof", "VEPP/New", "vepp/quad/1F1/Spoof", "VEPP", "ChannelsList/9", "TEST/A~B"])
            await writer.SendAsync($"name:{name}|method:create|val:123.456\n");
        await writer.SendAsync("name:TEST/Vcas/WriterResult|method:create|val:2.5\n");
        var replies = await Until(writer);
        log.WriteLine(string.Join("\n", replies));
        Assert.Equal(6, replies.Count(l => l.Contains("|val:error|")));

        using var cx = await CxConnection.OpenAsync(server.Port);
        await cx.SendAsync(CxWire.Subscribe("TEST/Vcas/WriterResult"));
        var (outcome, value, _, _) = await cx.OutcomeAsync("TEST/Vcas/WriterResult", Wait);
        Assert.Equal((CxOutcome.Value, 2.5), (outcome, value));
        await cx.SendAsync(CxWire.Subscribe("VEPP/New"));
        Assert.Equal(CxOutcome.NotFound, (await cx.OutcomeAsync("VEPP/New", Wait)).Outcome);
    }

    [Fact]
    public async Task UnknownChannelsAreNotFoundForCx()
    {
        await using var server = await Start();
        using var cx = await CxConnection.OpenAsync(server.Port);
        foreach (var name in (string[])["VEPP/NoSuchThing", "VEPP/QUAD/1F1/SCur/x", "Nowhere"])
        {
            await cx.SendAsync(CxWire.Subscribe(name));
            var (outcome, _, line, _) = await cx.OutcomeAsync(name, Wait);
            Assert.True(outcome == CxOutcome.NotFound, $"'{line}' does not mark {name} not found for CX");
        }
    }

    [Fact]
    public async Task CxPowersASupplyOffAndOnWithItsNumericText()
    {
        string[] usedByOtherTests = ["1F1", "1D1", "2F1", "3D2", "4F3"];
        var power = rig.System.Registry.All.Select(c => c.Spec.Path).First(p =>
            p.StartsWith("VEPP/QUAD/", StringComparison.Ordinal) && p.EndsWith("/Power", StringComparison.Ordinal)
            && !usedByOtherTests.Any(q => p.Contains($"/{q}/", StringComparison.Ordinal)));
        await using var server = await Start(Writable);
        using var cx = await CxConnection.OpenAsync(server.Port);
        await cx.SendAsync(CxWire.Subscribe(power));
        await cx.OutcomeAsync(power, Wait);
        foreach (var (bytes, expected) in new[] { (CxWire.SetDouble(power, 0), 0.0), (CxWire.SetDouble(power, 1), 1.0), (CxWire.SetInt(power, 0), 0.0), (CxWire.SetInt(power, 1), 1.0) })
        {
            await cx.SendAsync(bytes);
            var deadline = DateTime.UtcNow + Wait;
            double seen;
            do
            {
                var (outcome, value, line, ignored) = await cx.OutcomeAsync(power, Wait);
                Assert.False(ignored.Any(l => l.Contains("|val:error|")), $"'{Encoding.UTF8.GetString(bytes).Trim()}' refused: {string.Join(" / ", ignored)}");
                Assert.Equal(CxOutcome.Value, outcome);
                seen = value;
                Assert.True(DateTime.UtcNow < deadline, $"{power} stayed {seen} after '{Encoding.UTF8.GetString(bytes).Trim()}'");
            }
            while (seen != expected);
        }
        foreach (var refused in (string[])["0.500000", "2.000000", "-1", "2"])
        {
            await cx.SendAsync($"name:{power}||method:set|val:{refused}\n");
            var replies = await Until(cx);
            Assert.Contains(replies, l => l.StartsWith($"name:{power}|", StringComparison.Ordinal) && l.Contains("|val:error|"));
        }
    }

    [Fact]
    public async Task NoLineReachesTheCxReceiveBuffer()
    {
        await using var server = await Start(Writable);
        using var writer = await CxConnection.OpenAsync(server.Port);
        var words = string.Join(" ", Enumerable.Range(0, 800).Select(k => $"w{k}"));
        await writer.SendAsync($"name:TEST/Vcas/Long|method:create|val:{words}|descr:{new string('d', 3000)}|units:{new string('u', 500)}\n");
        await writer.SendAsync($"name:TEST/Vcas/Nul|method:create|val:a\0b\rc\n");
        await Until(writer);

        using var cx = await CxConnection.OpenAsync(server.Port); // asserts every line it reads ends within 1024 bytes
        await cx.SendAsync(CxWire.Subscribe("TEST/Vcas/Long"));
        await cx.SendAsync("name:TEST/Vcas/Long|method:getfull\n");
        await cx.SendAsync("name:TEST/Vcas/Nul|method:get\n");
        await cx.SendAsync($"name:VEPP/{new string('x', 5000)}|method:get\n");
        var lines = await Until(cx);
        var longLines = lines.Where(l => l.StartsWith("name:TEST/Vcas/Long|", StringComparison.Ordinal)).Select(VcasLine.Parse).ToList();
        Assert.Equal(2, longLines.Count);
        Assert.Equal("ex", longLines[1]["type"]);
        foreach (var value in longLines.Select(r => r["val"]))
        {
            Assert.StartsWith("w0 w1 w2", value);
            Assert.True(words.StartsWith(value + " ", StringComparison.Ordinal), "a cut value keeps whole words: " + value[^20..]);
        }
        Assert.Equal("a b c", VcasLine.Parse(lines.First(l => l.StartsWith("name:TEST/Vcas/Nul|", StringComparison.Ordinal)))["val"]);
        Assert.Contains(lines, l => l.Contains("|val:error|") && l.EndsWith(" not found", StringComparison.Ordinal));
        log.WriteLine($"longest line {lines.Max(l => Encoding.UTF8.GetByteCount(l)) + 1} bytes with its newline");

        var names = new List<string>();
        for (int page = 1; ; page++)
        {
            var channel = page == 1 ? VcasServer.ChannelsListChannel : $"{VcasServer.ChannelsListChannel}/{page}";
            await cx.SendAsync($"name:{channel}|method:get\n");
            var r = VcasLine.Parse((await Until(cx, channel))[^1]);
            if (r["val"] == "error") break;
            names.AddRange(r["val"].Split(','));
        }
        Assert.Equal(rig.System.Registry.All.Select(c => c.Spec.Path).Concat(["TEST/Vcas/Long", "TEST/Vcas/Nul"]), names);
    }

    [Fact]
    public async Task EveryChannelWithADotIsReachableUnderItsCxSpelling()
    {
        await using var server = await Start();
        var dotted = rig.System.Registry.All.Select(c => c.Spec.Path).Where(p => p.Contains('.')).ToList();
        Assert.NotEmpty(dotted);
        Assert.DoesNotContain(rig.System.Registry.All, c => c.Spec.Path.Contains('~'));
        using var cx = await CxConnection.OpenAsync(server.Port);
        foreach (var path in dotted)
        {
            var cxName = path.Replace('.', '~'); // the documented spelling (docs/vcas.md, "Names and CXv4")
            var wire = CxWire.NameOf(cxName);
            await cx.SendAsync(CxWire.Subscribe(wire));
            var (outcome, _, line, _) = await cx.OutcomeAsync(wire, Wait);
            Assert.True(outcome == CxOutcome.Value, $"{path} as CX '{cxName}': '{line}'");
            await cx.SendAsync($"name:{wire}|method:release\n");
        }
        log.WriteLine($"{dotted.Count} channels with '.' reached, e.g. {dotted[0]} as {dotted[0].Replace('.', '~')}");
    }

    [Fact]
    public void NaNReachesCxAsAnInvalidValueNotAsNone()
    {
        var t = Protocol.VcasFormat.Time(DateTimeOffset.UnixEpoch, TimeZoneInfo.Utc);
        foreach (var (v, check) in new (double, Func<double, bool>)[] { (double.NaN, double.IsNaN), (double.PositiveInfinity, double.IsPositiveInfinity), (double.NegativeInfinity, double.IsNegativeInfinity) })
        {
            var line = Protocol.VcasFormat.Reply("VEPP/Energy/E", t, Protocol.VcasFormat.Value(Control.Channels.ChannelValue.Of(v)));
            var (outcome, value) = CxWire.Interpret(line, "VEPP/Energy/E");
            Assert.True(outcome == CxOutcome.Value && check(value), $"'{line}' reaches CX as {outcome} {value}");
        }
    }
}
