using System.Diagnostics;
using System.Text;
using CsCheck;
using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

/// <summary>
/// Random, token-soup and mutated inputs: reading and expanding either succeeds or throws
/// MadxException, and every input finishes quickly. 105,000 inputs per run in total.
/// </summary>
public class FuzzTests
{
    private static readonly TimeSpan PerInputLimit = TimeSpan.FromSeconds(2);

    // CALLs resolve against a directory that does not exist, so fuzzed inputs cannot read real files.
    private static readonly string NoDirectory = Path.Combine(Path.GetTempPath(), "madx-fuzz-" + Guid.NewGuid().ToString("N"));

    private static readonly string[] Names = ["a", "b", "qf", "qd", "d", "l1", "l2", "ring", "s", "m", "k", "x"];

    private static readonly string[] Tokens =
    [
        .. Names, "#s", "#e",
        "0", "1", "2", "3", "0.5", "1e3", "-1", "1000000", "1e308",
        "line", "sequence", "endsequence", "call", "file", "use", "period", "beam", "particle", "electron",
        "energy", "pc", "gamma", "mass", "quadrupole", "drift", "marker", "sbend", "multipole", "l", "k1",
        "knl", "at", "from", "refer", "entry", "exit", "centre", "match", "endmatch", "vary", "if", "else",
        "while", "macro", "exec", "twiss", "stop", "return", "const", "real", "sqrt", "log", "atan2", "pi",
        "apertype", "circle", "seqedit", "endedit", "ptc_twiss", "true",
        ":", "=", ":=", ";", ";", ";", ",", ",", "(", ")", "{", "}", "-", "+", "*", "/", "^", "**", "->",
        "\"ring\"", "\n", ">", "==", "&&", "@",
    ];

    // Rare because each one usually swallows the rest of the input.
    private static readonly string[] Openers = ["\"", "'", "!", "//", "/*", "*/"];

    public static readonly Gen<string> Token = Gen.Frequency((40, Gen.OneOf(Tokens)), (1, Gen.OneOf(Openers)));

    private static readonly string[] Examples =
    [
        File.ReadAllText(ExampleFileTests.ExamplePath("fodo.madx")),
        File.ReadAllText(ExampleFileTests.ExamplePath("ring.madx")),
    ];

    private static void ReadAndExpand(string text)
    {
        var stopwatch = Stopwatch.StartNew();
        try
        {
            var document = MadxReader.ParseText(text, "fuzz.madx", NoDirectory);
            foreach (string line in document.LineNames) Attempt(() => document.Expand(line));
            foreach (string variable in document.VariableNames) Attempt(() => document.GetVariable(variable));
            if (document.UsedLine is not null) Attempt(() => document.Expand());
        }
        catch (MadxException error)
        {
            AssertLocated(error);
        }
        Assert.True(stopwatch.Elapsed < PerInputLimit, $"input took {stopwatch.Elapsed}: {text}");
    }

    private static void Attempt(Action action)
    {
        try
        {
            action();
        }
        catch (MadxException error)
        {
            AssertLocated(error);
        }
    }

    private static void AssertLocated(MadxException error)
    {
        Assert.False(string.IsNullOrEmpty(error.File));
        Assert.True(error.Line >= 0);
    }

    private static void Run(Gen<string> inputs, int count)
    {
        int done = 0;
        inputs.Sample(text =>
        {
            ReadAndExpand(text);
            Interlocked.Increment(ref done);
        }, iter: count);
        Assert.True(done >= count);
    }

    [Fact]
    public void RandomStrings() => Run(Gen.String[0, 300], 15_000);

    [Fact]
    public void RandomMadxCharacters() => Run(Gen.Char["abcqfl0123456789.:=;,(){}-+*/^>!\"' \n#_e"].Array[0, 300].Select(c => new string(c)), 15_000);

    [Fact]
    public void RandomBytes() => Run(Gen.Byte.Array[0, 300].Select(Encoding.Latin1.GetString), 10_000);

    [Fact]
    public void TokenSoup() => Run(Token.Array[0, 80].Select(tokens => string.Join(" ", tokens)), 20_000);

    /// <summary>Statement-shaped soup: reaches definitions, expansion and evaluation far more often than raw tokens.</summary>
    [Fact]
    public void StatementSoup() => Run(MadxStatements.Program, 20_000);

    [Fact]
    public void MutatedExamples()
    {
        var chunk = Gen.OneOf(
            Token,
            Gen.String[0, 20],
            Token.Array[1, 6].Select(t => string.Join(" ", t)));
        var mutation = Gen.Select(Gen.Int[0, 3], Gen.Double.Unit, Gen.Int[0, 40], chunk);
        var mutated = Gen.Select(Gen.Int[0, Examples.Length - 1], mutation.Array[1, 5],
            (example, mutations) => Mutate(Examples[example], mutations));
        Run(mutated, 25_000);
    }

    // kind 0: insert, 1: delete, 2: replace, 3: duplicate a range.
    private static string Mutate(string text, (int Kind, double Where, int Span, string Chunk)[] mutations)
    {
        var builder = new StringBuilder(text);
        foreach (var (kind, where, span, chunk) in mutations)
        {
            int start = (int)(where * builder.Length);
            int length = Math.Min(span, builder.Length - start);
            switch (kind)
            {
                case 0:
                    builder.Insert(start, chunk);
                    break;
                case 1:
                    builder.Remove(start, length);
                    break;
                case 2:
                    builder.Remove(start, length).Insert(start, chunk);
                    break;
                default:
                    builder.Insert(start, builder.ToString(start, length));
                    break;
            }
        }
        return builder.ToString();
    }

    [Fact]
    public void UnmutatedExamplesPass()
    {
        foreach (string example in Examples) Assert.NotEmpty(MadxReader.ParseText(example).Expand());
    }
}
