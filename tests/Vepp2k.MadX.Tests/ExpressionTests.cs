using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class ExpressionTests
{
    [Theory]
    [InlineData("x = 1 + 2 * 3;", 7)]
    [InlineData("x = (1 + 2) * 3;", 9)]
    [InlineData("x = 2 ^ 3 ^ 2;", 512)]
    [InlineData("x = 2 ** 3;", 8)]
    [InlineData("x = -2 ^ 2;", -4)]
    [InlineData("x = 2 ^ -1;", 0.5)]
    [InlineData("x = 10 - 4 - 3;", 3)]
    [InlineData("x = 12 / 3 / 2;", 2)]
    [InlineData("x = - - 3;", 3)]
    [InlineData("x = +3 - -2;", 5)]
    [InlineData("x = 1.5e3 + .5 + 2.;", 1502.5)]
    [InlineData("x = 7 * -2;", -14)]
    public void ArithmeticFollowsMadxPrecedence(string text, double expected)
    {
        Assert.Equal(expected, Madx.Parse(text).GetVariable("x"), 12);
    }

    [Theory]
    [InlineData("sqrt(16)", 4)]
    [InlineData("log(exp(2))", 2)]
    [InlineData("log10(1000)", 3)]
    [InlineData("sin(pi/2)", 1)]
    [InlineData("cos(0)", 1)]
    [InlineData("tan(pi/4)", 1)]
    [InlineData("asin(1)", 1.5707963267948966)]
    [InlineData("acos(1)", 0)]
    [InlineData("atan(1)*4", 3.141592653589793)]
    [InlineData("sinh(0) + cosh(0) + tanh(0)", 1)]
    [InlineData("abs(-3)", 3)]
    [InlineData("floor(-2.5)", -3)]
    [InlineData("ceil(2.1)", 3)]
    [InlineData("round(2.5)", 3)]
    [InlineData("round(-2.5)", -3)]
    [InlineData("frac(-2.75)", -0.75)]
    [InlineData("atan2(1, 1)", 0.7853981633974483)]
    [InlineData("sinc(0)", 1)]
    public void FunctionsEvaluate(string expression, double expected)
    {
        Assert.Equal(expected, Madx.Parse($"x = {expression};").GetVariable("x"), 12);
    }

    [Theory]
    [InlineData("pi", Math.PI)]
    [InlineData("twopi", 2 * Math.PI)]
    [InlineData("degrad", 57.29577951308232)]
    [InlineData("raddeg", 0.017453292519943295)]
    [InlineData("e", Math.E)]
    [InlineData("emass", 0.51099895e-3)]
    [InlineData("pmass", 0.93827208816)]
    [InlineData("mumass", 0.1056583755)]
    [InlineData("clight", 299792458)]
    [InlineData("qelect", 1.602176634e-19)]
    public void ConstantsArePredefined(string name, double expected)
    {
        var document = Madx.Parse($"x = {name};");
        Assert.Equal(expected, document.GetVariable("x"), 15);
        Assert.True(document.HasVariable(name));
        Assert.Equal(expected, document.GetVariable(name), 15);
    }

    [Fact]
    public void ImmediateAssignmentKeepsTheValueAtAssignmentTime()
    {
        var document = Madx.Parse("a = 1; b = a * 10; a = 2;");
        Assert.Equal(10, document.GetVariable("b"));
        Assert.Equal(2, document.GetVariable("a"));
    }

    [Fact]
    public void DeferredAssignmentFollowsLaterChanges()
    {
        var document = Madx.Parse("a = 1; b := a * 10; a = 2;");
        Assert.Equal(20, document.GetVariable("b"));
        document.SetVariable("a", 3);
        Assert.Equal(30, document.GetVariable("b"));
    }

    [Fact]
    public void DeferredMayReferToVariablesDefinedLater()
    {
        var document = Madx.Parse("b := a + 1; a = 4;");
        Assert.Equal(5, document.GetVariable("b"));
    }

    [Fact]
    public void ImmediateAssignmentReadsCurrentValueOfDeferredVariable()
    {
        var document = Madx.Parse("a = 1; c := a * 2; d = c; a = 5;");
        Assert.Equal(2, document.GetVariable("d"));
        Assert.Equal(10, document.GetVariable("c"));
    }

    [Fact]
    public void NamesAreCaseInsensitive()
    {
        var document = Madx.Parse("KF := Alpha * 2; ALPHA = 3;");
        Assert.Equal(6, document.GetVariable("kf"));
        Assert.Equal(6, document.GetVariable("Kf"));
        Assert.True(document.HasVariable("alpha"));
        Assert.False(document.HasVariable("beta"));
    }

    [Fact]
    public void TypePrefixesAreAccepted()
    {
        var document = Madx.Parse("const a = 1; real b := a + 1; int c = 3; shared d = 4; real const f = 5;");
        Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, new[] { "a", "b", "c", "d", "f" }.Select(document.GetVariable));
    }

    [Fact]
    public void CommentsOfAllKindsAreIgnored()
    {
        const string text = """
            a = 1; // line comment ; b = 5;
            ! bang comment ; b = 6;
            /* block
               comment ; b = 7; */ b = 2;
            c = a /* inline */ + b;
            """;
        var document = Madx.Parse(text);
        Assert.Equal(3, document.GetVariable("c"));
    }

    [Fact]
    public void AttributeReferencesReadElementAttributes()
    {
        var document = Madx.Parse("qf: quadrupole, l=0.2, k1:=kf; kf = 0.5; x := qf->k1 * qf->l; y = qf->tilt;");
        Assert.Equal(0.1, document.GetVariable("x"), 15);
        Assert.Equal(0, document.GetVariable("y"));
        document.SetVariable("kf", 1);
        Assert.Equal(0.2, document.GetVariable("x"), 15);
    }

    [Fact]
    public void SetVariableCreatesAndOverridesDeferredDefinitions()
    {
        var document = Madx.Parse("a := 5; b := a + 1;");
        document.SetVariable("a", 1);
        document.SetVariable("new", 7);
        Assert.Equal(2, document.GetVariable("b"));
        Assert.Equal(7, document.GetVariable("NEW"));
    }
}
