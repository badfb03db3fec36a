using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class LineTests
{
    private const string Elements = "a: marker; b: quadrupole, l=1; c: drift, l=2; d: sbend, l=3; e: sextupole, l=0.5; f: marker;\n";

    private static string[] Expand(string lines, string name = "l") => Madx.Names(Madx.Parse(Elements + lines).Expand(name));

    [Fact]
    public void ElementsFollowInOrderWithCumulativePositions()
    {
        var elements = Madx.Parse(Elements + "l: line=(a, b, c, d);").Expand("l");
        Assert.Equal(["a", "b", "c", "d"], Madx.Names(elements));
        Assert.Equal([0.0, 1, 3, 6], elements.Select(e => e.S));
        Assert.Equal([0.0, 1, 2, 3], elements.Select(e => e.Length));
    }

    [Fact]
    public void RepetitionRepeatsElementsAndGroups()
    {
        Assert.Equal(["c", "c", "c"], Expand("l: line=(3*c);"));
        Assert.Equal(["a", "b", "a", "b", "c"], Expand("l: line=(2*(a, b), c);"));
        Assert.Equal(["c"], Expand("l: line=(0*a, c);"));
    }

    [Fact]
    public void ReflectionReversesOrderOfGroupsAndLines()
    {
        Assert.Equal(["f", "e"], Expand("l: line=(-(e, f));"));
        Assert.Equal(["d", "c", "b", "a"], Expand("s: line=(a, b, c, d); l: line=(-s);"));
    }

    [Fact]
    public void ReflectionReachesIntoNestedLines()
    {
        Assert.Equal(["c", "b", "a"], Expand("s: line=(a, b); t: line=(s, c); l: line=(-t);"));
        Assert.Equal(["c", "a", "b"], Expand("s: line=(a, b); t: line=(-s, c); l: line=(-t);"));
        Assert.Equal(["b", "a", "c"], Expand("s: line=(a, b); t: line=(-s, c); l: line=(-(-t));"));
    }

    [Fact]
    public void ReflectionDoesNotChangeElementInternals()
    {
        var elements = Madx.Parse("b1: sbend, l=1, e1=0.1, e2=0.2; q: quadrupole, l=2; l: line=(-(b1, q));").Expand("l");
        Assert.Equal(["q", "b1"], Madx.Names(elements));
        Assert.Equal(0.1, elements[1].Number("e1"));
        Assert.Equal([2.0, 3], elements.Select(e => e.S));
    }

    [Fact]
    public void ExampleFromTheMadxManual()
    {
        // (a, b, 3*c, -d, 2*(a, b), -(e, f)) with d a line (d1, d2).
        var names = Expand("dl: line=(c, d); l: line=(a, b, 3*c, -dl, 2*(a, b), -(e, f));");
        Assert.Equal(["a", "b", "c", "c", "c", "d", "c", "a", "b", "a", "b", "f", "e"], names);
    }

    [Fact]
    public void ReflectedRepetitionAndRepeatedReflection()
    {
        Assert.Equal(["b", "a", "b", "a"], Expand("l: line=(-2*(a, b));"));
        Assert.Equal(["b", "a", "b", "a"], Expand("l: line=(2*-(a, b));"));
        Assert.Equal(["a", "b"], Expand("l: line=(--(a, b));"));
    }

    [Fact]
    public void LinesMayReferToLaterDefinitions()
    {
        var document = Madx.Parse("ring: line=(cell, cell); cell: line=(q, dr); q: quadrupole, l=1; dr: drift, l=2;");
        var elements = document.Expand("ring");
        Assert.Equal(["q", "dr", "q", "dr"], Madx.Names(elements));
        Assert.Equal(6, elements[^1].S);
    }

    [Fact]
    public void ElementsMayBeRedefinedAfterTheLine()
    {
        var document = Madx.Parse("l: line=(q); q: quadrupole, l=1; q: quadrupole, l=2;");
        Assert.Equal(2, document.Expand("l")[0].Length);
    }

    [Fact]
    public void BareClassNamesAreZeroLengthElements()
    {
        var element = Assert.Single(Madx.Parse("l: line=(marker);").Expand("l"));
        Assert.Equal("marker", element.Keyword);
        Assert.Equal(0, element.Length);
    }

    [Fact]
    public void RepeatedLineCountIsExact()
    {
        var elements = Madx.Parse(Elements + "cell: line=(b, c); arc: line=(10*cell); l: line=(3*arc, a);").Expand("l");
        Assert.Equal(61, elements.Count);
        Assert.Equal(90, elements[^1].S, 12);
    }

    [Fact]
    public void LineNamesAndUse()
    {
        var document = Madx.Parse(Elements + "l1: line=(a); l2: line=(b); use, period=l2;");
        Assert.Equal(["l1", "l2"], document.LineNames.Order());
        Assert.Equal("l2", document.UsedLine);
        Assert.Equal(["b"], Madx.Names(document.Expand()));
        Assert.Equal(["a"], Madx.Names(document.Expand("L1")));
    }

    [Theory]
    [InlineData("use, sequence=l1;")]
    [InlineData("use, period=l1;")]
    [InlineData("use, l1;")]
    [InlineData("USE, PERIOD = L1;")]
    public void UseFormsAllRecordTheLine(string use)
    {
        Assert.Equal("l1", Madx.Parse(Elements + "l1: line=(a);" + use).UsedLine);
    }

    [Fact]
    public void ExpandWithoutUseFails()
    {
        var document = Madx.Parse(Elements + "l1: line=(a);");
        Assert.Null(document.UsedLine);
        Assert.Throws<MadxException>(() => document.Expand());
        Assert.Throws<MadxException>(() => document.Expand("zz"));
    }

    [Fact]
    public void DeferredLengthsAreEvaluatedAtEachExpand()
    {
        var document = Madx.Parse("ld := 2 * x; x = 1; d1: drift, l:=ld; l: line=(d1, d1);");
        Assert.Equal(4, document.Expand("l")[^1].S);
        document.SetVariable("x", 1.5);
        Assert.Equal(6, document.Expand("l")[^1].S);
    }
}
