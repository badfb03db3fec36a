using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class SequenceTests
{
    private static IReadOnlyList<MadxElement> Expand(string text) => Madx.Parse(text).Expand("s");

    private static (string Name, double S)[] Layout(IEnumerable<MadxElement> elements) =>
        [.. elements.Select(e => (e.Name, Math.Round(e.S, 12)))];

    [Fact]
    public void CentrePositionsWithDriftsBetweenAndAtTheEnd()
    {
        var elements = Expand("""
            s: sequence, l=10;
              q1: quadrupole, l=1, at=2;
              q2: quadrupole, l=2, at=5;
              m: marker, at=8;
            endsequence;
            """);
        Assert.Equal(
            [("drift_0", 1.5), ("q1", 2.5), ("drift_1", 4), ("q2", 6), ("drift_2", 8), ("m", 8), ("drift_3", 10)],
            Layout(elements));
        Assert.Equal("drift", elements[0].Keyword);
        Assert.Equal(1.5, elements[0].Length);
        Assert.Equal(1.5, elements[0].Number("l"));
    }

    [Fact]
    public void ReferEntry()
    {
        var elements = Expand("""
            s: sequence, l=10, refer=entry;
              q1: quadrupole, l=1, at=2;
              q2: quadrupole, l=2, at=5;
              m: marker, at=8;
            endsequence;
            """);
        Assert.Equal(
            [("drift_0", 2), ("q1", 3), ("drift_1", 5), ("q2", 7), ("drift_2", 8), ("m", 8), ("drift_3", 10)],
            Layout(elements));
    }

    [Fact]
    public void ReferExit()
    {
        var elements = Expand("""
            s: sequence, l=10, refer=exit;
              q1: quadrupole, l=1, at=2;
              q2: quadrupole, l=2, at=5;
              m: marker, at=8;
            endsequence;
            """);
        Assert.Equal(
            [("drift_0", 1), ("q1", 2), ("drift_1", 3), ("q2", 5), ("drift_2", 8), ("m", 8), ("drift_3", 10)],
            Layout(elements));
    }

    [Fact]
    public void FromIsRelativeToTheNamedElementCentreAndToTheEnds()
    {
        var elements = Expand("""
            s: sequence, l=10, refer=entry;
              q1: quadrupole, l=1, at=2;
              q2: quadrupole, l=2, at=2, from=q1;
              m1: marker, at=-2, from=#e;
              m0: marker, at=9.5, from=#s;
            endsequence;
            """);
        // q1 spans 2..3 (centre 2.5); q2's entry is 2.5 + 2 = 4.5, so it spans 4.5..6.5.
        Assert.Equal(
            [("drift_0", 2), ("q1", 3), ("drift_1", 4.5), ("q2", 6.5), ("drift_2", 8), ("m1", 8), ("drift_3", 9.5), ("m0", 9.5), ("drift_4", 10)],
            Layout(elements));
    }

    [Fact]
    public void FromMayReferToALaterElement()
    {
        var elements = Expand("""
            s: sequence, l=10;
              a: marker, at=-1, from=b;
              b: marker, at=5;
            endsequence;
            """);
        Assert.Equal([("drift_0", 4), ("a", 4), ("drift_1", 5), ("b", 5), ("drift_2", 10)], Layout(elements));
    }

    [Fact]
    public void TouchingElementsGetNoDrift()
    {
        var elements = Expand("s: sequence, l=2; q1: quadrupole, l=1, at=0.5; q2: quadrupole, l=1, at=1.5; endsequence;");
        Assert.Equal([("q1", 1), ("q2", 2)], Layout(elements));
    }

    [Fact]
    public void PlacedElementsMayRepeatAndCarryLocalAttributes()
    {
        var elements = Expand("""
            qf: quadrupole, l=1, k1=0.1;
            s: sequence, l=6;
              qf, at=1;
              qf, at=3, k1=0.7;
              qf, at=5;
            endsequence;
            """);
        var quads = elements.Where(e => e.Name == "qf").ToArray();
        Assert.Equal(3, quads.Length);
        Assert.Equal([0.1, 0.7, 0.1], quads.Select(q => q.Number("k1")!.Value));
        Assert.Equal([1.5, 3.5, 5.5], quads.Select(q => q.S));
    }

    [Fact]
    public void PositionsAndLengthAreDeferred()
    {
        var document = Madx.Parse("""
            ls = 10; pos := 2 * x; x = 1;
            s: sequence, l:=ls;
              m: marker, at:=pos;
            endsequence;
            """);
        Assert.Equal([("drift_0", 2), ("m", 2), ("drift_1", 10)], Layout(document.Expand("s")));
        document.SetVariable("x", 3);
        document.SetVariable("ls", 12);
        Assert.Equal([("drift_0", 6), ("m", 6), ("drift_1", 12)], Layout(document.Expand("s")));
        Assert.Equal(12, document.GetAttribute("s", "l"));
    }

    [Fact]
    public void NestedSequenceIsPlacedAsABlock()
    {
        var elements = Expand("""
            inner: sequence, l=2;
              qi: quadrupole, l=1, at=1;
            endsequence;
            s: sequence, l=10;
              inner, at=5;
            endsequence;
            """);
        Assert.Equal(
            [("drift_0", 4), ("drift_1", 4.5), ("qi", 5.5), ("drift_2", 6), ("drift_3", 10)],
            Layout(elements));
    }

    [Fact]
    public void SequenceInsideALineContinuesDriftNumbering()
    {
        var document = Madx.Parse("s: sequence, l=2; m: marker, at=1; endsequence; l: line=(s, s);");
        Assert.Equal(
            [("drift_0", 1), ("m", 1), ("drift_1", 2), ("drift_2", 3), ("m", 3), ("drift_3", 4)],
            Layout(document.Expand("l")));
    }

    [Fact]
    public void UseSequenceAndEmptySequence()
    {
        var document = Madx.Parse("s: sequence, l=3; endsequence; use, sequence=s;");
        Assert.Equal([("drift_0", 3)], Layout(document.Expand()));
        Assert.Contains("s", document.LineNames);
    }

    [Fact]
    public void OtherStatementsInsideASequenceStillWork()
    {
        var document = Madx.Parse("s: sequence, l=4; k = 2; m: marker, at=k; endsequence;");
        Assert.Equal([("drift_0", 2), ("m", 2), ("drift_1", 4)], Layout(document.Expand("s")));
    }
}
