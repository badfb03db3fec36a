using System.Diagnostics;
using CsCheck;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.Tests.WorkingSets;

public class WorkingSetFilesTests
{
    private static readonly Gen<string> Text = Gen.Char["ab Z,\"\\#:;\r\n1é"].Array[0, 12].Select(c => new string(c));
    private static readonly Gen<string> LineText = Gen.Char["ab Z,\"\\#:;1é"].Array[0, 12].Select(c => new string(c));
    private static readonly Gen<string> Name = Text.Where(s => !string.IsNullOrWhiteSpace(s));
    private static readonly Gen<string> Channel = LineText.Where(s => !string.IsNullOrWhiteSpace(s));
    private static readonly Gen<double> Finite = Gen.Double.Where(double.IsFinite);

    private static readonly Gen<WorkingSet> Sets = Gen.Select(Name, Gen.Int[0, 1000], Gen.Long[630_000_000_000_000_000, 700_000_000_000_000_000], Gen.Int[-14, 14],
        Text, Text, LineText.Array[0, 4], Gen.Select(Channel, Finite, LineText, (c, v, s) => new WorkingSetItem(c, v, s)).Array[0, 20])
        .Select(t => new WorkingSet(t.Item1, t.Item2, new DateTimeOffset(t.Item3, TimeSpan.FromHours(t.Item4)), t.Item5, t.Item6, t.Item7, t.Item8));

    private static void AssertSame(WorkingSet expected, WorkingSet actual)
    {
        Assert.Equal((expected.Name, expected.Version, expected.Time, expected.Time.Offset, expected.Author, expected.Comment),
            (actual.Name, actual.Version, actual.Time, actual.Time.Offset, actual.Author, actual.Comment));
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Items, actual.Items);
    }

    [Fact]
    public void Csv_export_then_import_gives_the_same_working_set() =>
        Sets.Sample(set => AssertSame(set, WorkingSetFiles.ImportCsv(WorkingSetFiles.ExportCsv(set))), iter: 3000);

    [Fact]
    public void Json_export_then_import_gives_the_same_working_set() =>
        Sets.Sample(set => AssertSame(set, WorkingSetFiles.ImportJson(WorkingSetFiles.ExportJson(set))), iter: 3000);

    [Fact]
    public void A_hand_written_csv_file_is_read_as_written()
    {
        const string csv = "# name: round 1 GeV\r\n# author: ivanov\r\n# comment: line one\\nline two, with \\\\ backslash\r\n" +
                           "# tags: 1GeV,\"a,b\"\r\n# time: 2025-03-01T12:00:00.0000000+07:00\r\n\r\nchannel,value,subsystem\r\n" +
                           "VEPP/QUAD/1F1/SCur,123.5,quads\r\n\"VEPP/COR/1M1,Z\",-1e-3,correctors\r\n";
        var set = WorkingSetFiles.ImportCsv(csv);
        var expected = new WorkingSet("round 1 GeV", 0, new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.FromHours(7)), "ivanov",
            "line one\nline two, with \\ backslash", ["1GeV", "a,b"],
            [new WorkingSetItem("VEPP/QUAD/1F1/SCur", 123.5, "quads"), new WorkingSetItem("VEPP/COR/1M1,Z", -0.001, "correctors")]);
        AssertSame(expected, set);
    }

    private const string Head = "# name: w\n# time: 2025-03-01T12:00:00.0000000+00:00\nchannel,value,subsystem\n";

    [Theory]
    [InlineData("", "header 'channel,value,subsystem' is missing")]
    [InlineData("# time: 2025-03-01T12:00:00.0000000+00:00\nchannel,value,subsystem\n", "'# name:' is missing")]
    [InlineData("# name: w\nchannel,value,subsystem\n", "'# time:' is missing")]
    [InlineData(Head + "A,1.5,quads\nB,one,quads\n", "line 5")]
    [InlineData(Head + "A,1.5,quads,extra\n", "line 4")]
    [InlineData(Head + "A,NaN,quads\n", "line 4")]
    [InlineData(Head + "A,1e999,quads\n", "line 4")]
    [InlineData(Head + "\"A,1,quads\n", "line 4: a quoted field is not closed")]
    [InlineData(Head + "A\"x,1,quads\n", "line 4")]
    [InlineData(Head + ",1,quads\n", "line 4: the channel is empty")]
    [InlineData(Head + "# author: late\n", "line 4: metadata must come before")]
    [InlineData("# name: w\n# name: v\n", "line 2: 'name' is given twice")]
    [InlineData("# colour: red\n", "line 1")]
    [InlineData("# comment: bad \\q escape\n", "line 1: unknown escape")]
    [InlineData("# name: w\n# time: yesterday\nchannel,value,subsystem\n", "time 'yesterday'")]
    [InlineData("# name: w\n# version: -1\n# time: 2025-03-01T12:00:00.0000000+00:00\nchannel,value,subsystem\n", "version '-1'")]
    [InlineData("channel;value;subsystem\n", "line 1: expected the header")]
    public void A_malformed_csv_file_is_refused_with_the_reason_and_line(string csv, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => WorkingSetFiles.ImportCsv(csv));
        Assert.Contains(reason, ex.Message);
    }

    [Theory]
    [InlineData("", "line 1")]
    [InlineData("null", "'null'")]
    [InlineData("[]", "line 1")]
    [InlineData("{\"name\":\"w\"}", "line 1")]
    [InlineData("{\"name\":\"w\",\"version\":1,\"time\":\"2025-03-01T00:00:00Z\",\"author\":\"a\",\"comment\":\"c\",\"tags\":[],\n\"items\":[{\"channel\":\"A\",\"value\":\"NaN\",\"subsystem\":\"q\"}]}", "line 2")]
    [InlineData("{\"name\":\"w\",\"version\":1,\"time\":\"2025-03-01T00:00:00Z\",\"author\":\"a\",\"comment\":\"c\",\"tags\":[],\"items\":[null]}", "item 1")]
    [InlineData("{\"name\":\" \",\"version\":1,\"time\":\"2025-03-01T00:00:00Z\",\"author\":\"a\",\"comment\":\"c\",\"tags\":[],\"items\":[]}", "name is empty")]
    [InlineData("{\"name\":\"w\",\"version\":1,\"time\":\"2025-03-01T00:00:00Z\",\"author\":null,\"comment\":\"c\",\"tags\":[],\"items\":[]}", "line 1")]
    public void A_malformed_json_file_is_refused_with_the_reason(string json, string reason)
    {
        var ex = Assert.Throws<FormatException>(() => WorkingSetFiles.ImportJson(json));
        Assert.Contains(reason, ex.Message);
    }

    /// <summary>Each input either imports to a valid set or is refused with FormatException, quickly: nothing else.</summary>
    private static void Fuzz(Gen<string> inputs, Func<string, WorkingSet> import, int count)
    {
        int done = 0;
        inputs.Sample(text =>
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var set = import(text);
                Assert.False(string.IsNullOrWhiteSpace(set.Name));
                Assert.All(set.Items, i => Assert.True(double.IsFinite(i.Value)));
            }
            catch (FormatException)
            {
            }
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"import took {clock.Elapsed} on {text.Length} chars");
            Interlocked.Increment(ref done);
        }, iter: count);
        Assert.True(done >= count);
    }

    /// <summary>A valid export with a few characters inserted, deleted or replaced: reaches deep into the parsers.</summary>
    private static Gen<string> Mutated(Func<WorkingSet, string> export) =>
        Gen.Select(Sets, Gen.Select(Gen.Int[0, 2], Gen.Int[0, 10_000], Gen.Char["\",\\\n\r#:{}[]0.e-x "]).Array[1, 6], (set, edits) =>
        {
            var text = new System.Text.StringBuilder(export(set));
            foreach (var (op, at, ch) in edits)
            {
                int i = text.Length == 0 ? 0 : at % text.Length;
                if (op == 0) text.Insert(i, ch);
                else if (text.Length > 0 && op == 1) text.Remove(i, 1);
                else if (text.Length > 0) text[i] = ch;
            }
            return text.ToString();
        });

    [Fact]
    public void Csv_import_of_random_text_only_ever_throws_FormatException() =>
        Fuzz(Gen.String[0, 300], WorkingSetFiles.ImportCsv, 10_000);

    [Fact]
    public void Csv_import_of_csv_shaped_noise_only_ever_throws_FormatException() =>
        Fuzz(Gen.Char["#:, \"\\nr\r\n01.e-+abchnlmtv"].Array[0, 300].Select(c => "channel,value,subsystem\n" + new string(c)), WorkingSetFiles.ImportCsv, 10_000);

    [Fact]
    public void Csv_import_of_damaged_exports_only_ever_throws_FormatException() =>
        Fuzz(Mutated(WorkingSetFiles.ExportCsv), WorkingSetFiles.ImportCsv, 10_000);

    [Fact]
    public void Json_import_of_random_text_only_ever_throws_FormatException() =>
        Fuzz(Gen.OneOf(Gen.String[0, 300], Gen.Char["{}[]\":,0123456789.eE-+ truefalsn"].Array[0, 300].Select(c => new string(c))),
            WorkingSetFiles.ImportJson, 10_000);

    [Fact]
    public void Json_import_of_damaged_exports_only_ever_throws_FormatException() =>
        Fuzz(Mutated(WorkingSetFiles.ExportJson), WorkingSetFiles.ImportJson, 10_000);

    [Fact]
    public void Deeply_nested_json_is_refused_not_recursed_into() =>
        Assert.Throws<FormatException>(() => WorkingSetFiles.ImportJson(new string('[', 100_000)));
}
