using System.Diagnostics;
using System.Text;
using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

/// <summary>Hostile inputs fail cleanly with MadxException instead of overflowing the stack, hanging or exhausting memory.</summary>
public class LimitTests
{
    private static string Repeat(string s, int n) => new StringBuilder().Insert(0, s, n).ToString();

    [Fact]
    public void DeeplyNestedParentheses()
    {
        Madx.Fails($"x = {Repeat("(", 100_000)}1{Repeat(")", 100_000)};");
        Assert.Equal(1, Madx.Parse($"x = {Repeat("(", 150)}1{Repeat(")", 150)};").GetVariable("x"));
    }

    [Fact]
    public void LongUnarySignChains()
    {
        Madx.Fails($"x = {Repeat("-", 100_000)}1;");
        Madx.Fails($"x = {Repeat("2^", 100_000)}1;");
    }

    [Fact]
    public void LongOperatorChainsWithVariables()
    {
        Assert.Contains("nested operations", Madx.Fails($"a = 1; x := {Repeat("a+", 100_000)}a;").Message);
        Assert.Equal(301, Madx.Parse($"a = 1; x = {Repeat("a+", 300)}a;").GetVariable("x"));
    }

    [Fact]
    public void LongDeferredChainsFailCleanly()
    {
        var text = new StringBuilder("a0 = 1;");
        for (int i = 1; i <= 5000; i++) text.Append($"a{i} := a{i - 1} + 1;");
        var document = Madx.Parse(text.ToString());
        Assert.Contains("nested too deeply", Assert.Throws<MadxException>(() => document.GetVariable("a5000")).Message);
        Assert.Equal(51, document.GetVariable("a50"));
    }

    [Fact]
    public void DeepTreesInDeepChainsStayWithinASmallStack()
    {
        // 99 chained formulas, each a 399-deep tree with the reference at the bottom: within the
        // nesting limit, so only the stack guard stands between this input and a stack overflow.
        var text = new StringBuilder("a0 = 1;");
        for (int i = 1; i < 100; i++) text.Append($"a{i} := a{i - 1}{Repeat(" + x", 398)};");
        text.Append("x = 0;");
        var document = Madx.Parse(text.ToString());
        Exception? failure = null;
        double? value = null;
        var thread = new Thread(() =>
        {
            try
            {
                value = document.GetVariable("a99");
            }
            catch (Exception e)
            {
                failure = e;
            }
        }, maxStackSize: 512 * 1024);
        thread.Start();
        thread.Join();
        Assert.True(value == 1 || failure is MadxException, $"{failure}");
    }

    [Fact]
    public void SharedSubexpressionsAreNotReevaluatedExponentially()
    {
        var text = new StringBuilder("a0 = 1;");
        for (int i = 1; i <= 80; i++) text.Append($"a{i} := a{i - 1} + a{i - 1};");
        var stopwatch = Stopwatch.StartNew();
        Assert.Equal(Math.Pow(2, 80), Madx.Parse(text.ToString()).GetVariable("a80"));
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void DeeplyNestedLines()
    {
        var text = new StringBuilder("m: marker; l0: line=(m);");
        for (int i = 1; i <= 3000; i++) text.Append($"l{i}: line=(l{i - 1});");
        var document = Madx.Parse(text.ToString());
        Assert.Contains("nested deeper", Assert.Throws<MadxException>(() => document.Expand("l3000")).Message);
        Assert.Single(document.Expand("l100"));
    }

    [Fact]
    public void DeeplyNestedLineGroups()
    {
        Madx.Fails($"m: marker; l: line={Repeat("(", 100_000)}m{Repeat(")", 100_000)};");
        Madx.Fails($"m: marker; l: line=({Repeat("-", 100_000)}m);");
    }

    [Fact]
    public void ExponentialRepetitionIsRejectedBeforeAllocation()
    {
        var text = new StringBuilder("m: marker; l0: line=(m);");
        for (int i = 1; i <= 60; i++) text.Append($"l{i}: line=(2*l{i - 1}, 1000000*l{i - 1});");
        var document = Madx.Parse(text.ToString());
        var stopwatch = Stopwatch.StartNew();
        Assert.Contains("more than", Assert.Throws<MadxException>(() => document.Expand("l60")).Message);
        // Generous for a loaded CI machine: an unguarded expansion would take longer than the universe.
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void LongFromChainsDoNotUseTheStack()
    {
        var text = new StringBuilder("s: sequence, l=100000; m0: marker, at=0;");
        for (int i = 1; i <= 20_000; i++) text.Append($"m{i}: marker, at=1, from=m{i - 1};");
        text.Append("endsequence;");
        var elements = Madx.Parse(text.ToString()).Expand("s");
        Assert.Equal("m20000", elements[^2].Name);
        Assert.Equal(20_000, elements[^2].S, 9);
    }

    [Fact]
    public void LongInheritanceChains()
    {
        var text = new StringBuilder("e0: quadrupole, l=1, k1=2;");
        for (int i = 1; i <= 20_000; i++) text.Append($"e{i}: e{i - 1};");
        text.Append("l: line=(e20000);");
        var element = Assert.Single(Madx.Parse(text.ToString()).Expand("l"));
        Assert.Equal("quadrupole", element.Keyword);
        Assert.Equal(2, element.Number("k1"));
    }

    [Fact]
    public void LargeButLegalExpansion()
    {
        var document = Madx.Parse("d: drift, l=0.5; m: marker; c: line=(d, m); l: line=(1000*(100*c));");
        var elements = document.Expand("l");
        Assert.Equal(200_000, elements.Count);
        Assert.Equal(50_000, elements[^1].S, 6);
    }
}
