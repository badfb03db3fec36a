using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class ElementTests
{
    private static MadxElement Single(string definitions, string name)
    {
        var document = Madx.Parse(definitions + $" line_: line=({name});");
        return Assert.Single(document.Expand("line_"));
    }

    [Fact]
    public void DefinitionCarriesClassAndAttributes()
    {
        var qf = Single("QF: QUADRUPOLE, L=0.2, K1=1.5, TILT=0.1;", "qf");
        Assert.Equal("qf", qf.Name);
        Assert.Equal("quadrupole", qf.Keyword);
        Assert.Equal(0.2, qf.Length);
        Assert.Equal(0.2, qf.S);
        Assert.Equal(1.5, qf.Number("k1"));
        Assert.Equal(0.1, qf.Number("TILT"));
        Assert.Null(qf.Number("k2"));
        Assert.Equal(["k1", "l", "tilt"], qf.AttributeNames.Order());
    }

    [Fact]
    public void InheritanceKeepsParentAttributesAndOverridesNamedOnes()
    {
        var document = Madx.Parse("kf = 0.1; qf: quadrupole, l=0.2, k1:=kf; qf2: qf, k1=0.3; l1: line=(qf, qf2);");
        var elements = document.Expand("l1");
        Assert.Equal("quadrupole", elements[1].Keyword);
        Assert.Equal(0.2, elements[1].Length);
        Assert.Equal(0.3, elements[1].Number("k1"));
        Assert.Equal(0.1, elements[0].Number("k1"));
        Assert.Equal(0.4, elements[1].S, 15);
    }

    [Fact]
    public void ChildrenFollowLaterChangesOfTheParent()
    {
        var document = Madx.Parse("qf: quadrupole, l=0.2, k1=1; qf2: qf; qf->l = 0.5; l1: line=(qf2);");
        Assert.Equal(0.5, document.Expand("l1")[0].Length);
        document.SetAttribute("QF", "L", 0.7);
        Assert.Equal(0.7, document.Expand("l1")[0].Length);
        Assert.Equal(0.7, document.GetAttribute("qf2", "l"));
    }

    [Fact]
    public void MultiLevelInheritanceReportsTheBaseKeyword()
    {
        var element = Single("a: sbend, l=1, angle=0.1; b: a, e1=0.05; c: b, angle=0.2;", "c");
        Assert.Equal("sbend", element.Keyword);
        Assert.Equal(1, element.Length);
        Assert.Equal(0.05, element.Number("e1"));
        Assert.Equal(0.2, element.Number("angle"));
    }

    [Fact]
    public void ImmediateAttributeIsFixedAtDefinitionAndDeferredFollows()
    {
        var document = Madx.Parse("k = 1; q1: quadrupole, k1=k; q2: quadrupole, k1:=k; k = 2; l1: line=(q1, q2);");
        var elements = document.Expand("l1");
        Assert.Equal(1, elements[0].Number("k1"));
        Assert.Equal(2, elements[1].Number("k1"));
    }

    [Fact]
    public void AttributeAssignmentStatementsChangeElements()
    {
        var document = Madx.Parse("k = 1; qf: quadrupole, l=1; qf->k1 = k; qd: quadrupole, l=1; qd->k1 := -k; k = 3; l1: line=(qf, qd);");
        var elements = document.Expand("l1");
        Assert.Equal(1, elements[0].Number("k1"));
        Assert.Equal(-3, elements[1].Number("k1"));
        Assert.Equal(-3, document.GetAttribute("qd", "k1"));
    }

    [Fact]
    public void RedefinitionWithOnlyAttributesUpdatesTheElement()
    {
        var element = Single("qf: quadrupole, l=0.2, k1=0.1; qf, k1=0.5, k2=0.01;", "qf");
        Assert.Equal(0.2, element.Length);
        Assert.Equal(0.5, element.Number("k1"));
        Assert.Equal(0.01, element.Number("k2"));
    }

    [Fact]
    public void ArrayAttributesKeepItemSemantics()
    {
        var document = Madx.Parse("k2l = 0.2; m: multipole, knl:={0, 0.1, k2l}, ksl={0, k2l}; k2l = 0.5; l1: line=(m);");
        var m = document.Expand("l1")[0];
        Assert.Equal([0, 0.1, 0.5], m.Array("knl"));
        Assert.Equal([0, 0.2], m.Array("ksl"));
        Assert.Null(m.Number("knl"));
        Assert.Empty(Single("m: multipole, knl={};", "m").Array("knl")!);
    }

    [Fact]
    public void TextAndFlagAttributes()
    {
        var element = Single("c: rcollimator, l=1, apertype=rectangle, type=\"TCP\", thick, -kill_ent_fringe, fringe=true;", "c");
        Assert.Equal("rectangle", element.Text("apertype"));
        Assert.Equal("TCP", element.Text("type"));
        Assert.Equal(1, element.Number("thick"));
        Assert.Equal(0, element.Number("kill_ent_fringe"));
        Assert.Equal(1, element.Number("fringe"));
        Assert.Null(element.Text("l"));
    }

    [Theory]
    [InlineData("drift")]
    [InlineData("sbend")]
    [InlineData("rbend")]
    [InlineData("quadrupole")]
    [InlineData("sextupole")]
    [InlineData("octupole")]
    [InlineData("multipole")]
    [InlineData("solenoid")]
    [InlineData("hkicker")]
    [InlineData("vkicker")]
    [InlineData("kicker")]
    [InlineData("tkicker")]
    [InlineData("rfcavity")]
    [InlineData("marker")]
    [InlineData("monitor")]
    [InlineData("hmonitor")]
    [InlineData("vmonitor")]
    [InlineData("instrument")]
    [InlineData("srotation")]
    [InlineData("placeholder")]
    [InlineData("collimator")]
    [InlineData("rcollimator")]
    [InlineData("ecollimator")]
    [InlineData("beambeam")]
    [InlineData("dipedge")]
    [InlineData("yrotation")]
    [InlineData("elseparator")]
    [InlineData("crabcavity")]
    [InlineData("matrix")]
    public void AllElementClassesAreKnown(string keyword)
    {
        Assert.Equal(keyword, Single($"x: {keyword};", "x").Keyword);
    }

    [Fact]
    public void RedefinitionReplacesTheElementWithAWarning()
    {
        var document = Madx.Parse("q: quadrupole, l=1;\nq: sextupole, l=2;\nl1: line=(q);");
        Assert.Equal("sextupole", document.Expand("l1")[0].Keyword);
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("redefined", warning.Message);
    }

    [Fact]
    public void ElementNamesListsDefinitions()
    {
        var document = Madx.Parse("a: marker; b: a;");
        Assert.Equal(["a", "b"], document.ElementNames.Order());
    }

    [Fact]
    public void GetAttributeOfUnknownElementFails()
    {
        var document = Madx.Parse("a: marker;");
        Assert.Throws<MadxException>(() => document.GetAttribute("nope", "l"));
        Assert.Throws<MadxException>(() => document.SetAttribute("nope", "l", 1));
        Assert.Throws<MadxException>(() => document.SetAttribute("a", "l", double.NaN));
    }
}
