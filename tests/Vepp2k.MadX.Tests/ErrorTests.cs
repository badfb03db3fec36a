using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

/// <summary>Every error names the file and the line of the statement at fault.</summary>
public class ErrorTests
{
    private static void AssertError(string text, int line, string message, bool expand = false)
    {
        var error = Madx.Fails(text, expand);
        Assert.Equal(Madx.Source, error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Reason);
        Assert.StartsWith($"{Madx.Source}:{line}: ", error.Message);
    }

    [Theory]
    [InlineData("a = 1;\nb = (2;", 2, "expected ')'")]
    [InlineData("a = 1;\nb = 2 +;", 2, "expected a number")]
    [InlineData("a = 1\nb = 2;", 2, "expected ';'")]
    [InlineData("a = 1;\n\nq: quadrupole, l=1, ;", 3, "attribute name")]
    [InlineData("x = 1;\n= 2;", 2, "expected a statement")]
    [InlineData("x = 1;\nl: line=(a, , b);", 2, "expected an element or line name")]
    [InlineData("x = 1;\nl: line=(2.5*a);", 2, "not an integer")]
    [InlineData("x = 1;\nl: line=(2000000*a);", 2, "exceeds")]
    [InlineData("x = 1;\nl: line=(a(1));", 2, "line arguments")]
    [InlineData("x = 1;\n/* never closed\n", 2, "unterminated /* comment")]
    [InlineData("x = 1;\nprint, text=\"never closed;\n", 2, "unterminated string")]
    [InlineData("x = 1;\ny = foo(2);", 2, "unknown function 'foo'")]
    [InlineData("x = 1;\ny = atan2(2);", 2, "two arguments")]
    [InlineData("x = 1;\npi = 3;", 2, "predefined constant")]
    [InlineData("x = 1;\ny = 1e999;", 2, "out of range")]
    [InlineData("x = 1;\nq: quadruple, l=1;", 2, "unknown element class 'quadruple'")]
    [InlineData("x = 1;\nquadrupole: marker;", 2, "class name")]
    [InlineData("x = 1;\nnope->k1 = 2;", 2, "unknown element 'nope'")]
    [InlineData("x = 1;\nendsequence;", 2, "ENDSEQUENCE without SEQUENCE")]
    [InlineData("x = 1;\ns: sequence, l=1;\nm: marker, at=0;", 2, "no ENDSEQUENCE")]
    [InlineData("x = 1;\ns: sequence, l=1;\nt: sequence, l=1;", 3, "starts inside sequence")]
    [InlineData("x = 1;\ns: sequence, refer=entry;\nendsequence;", 2, "needs a length")]
    [InlineData("x = 1;\ns: sequence, l=1, refer=middle;\nendsequence;", 2, "REFER")]
    [InlineData("s: sequence, l=1;\nm: marker;\nendsequence;", 2, "needs AT")]
    [InlineData("x = 1;\nuse, sequence=nothing;", 2, "unknown sequence or line 'nothing'")]
    [InlineData("x = 1;\nuse;", 2, "USE needs")]
    [InlineData("x = 1;\nif (x > 0) { x = 2;\n", 2, "never closed")]
    [InlineData("x = 1;\nmatch, sequence=s;\nvary, name=x;", 2, "no matching 'endmatch'")]
    [InlineData("x = 1;\ncall, file=\"\";", 2, "empty file name")]
    [InlineData("x = 1;\ncall, name=\"a\";", 2, "FILE=")]
    public void SyntaxAndDefinitionErrors(string text, int line, string message) => AssertError(text, line, message);

    [Fact]
    public void UndefinedVariableInImmediateAssignment() => AssertError("a = 1;\n\nx = y + 1;", 3, "undefined variable 'y'");

    [Fact]
    public void UndefinedVariableInDeferredExpressionIsReportedWhereItIsUsed()
    {
        var document = Madx.Parse("x = 1;\na := b * 2;");
        var error = Assert.Throws<MadxException>(() => document.GetVariable("a"));
        Assert.Equal(2, error.Line);
        Assert.Contains("undefined variable 'b'", error.Message);
        Assert.Throws<MadxException>(() => document.GetVariable("zzz"));
    }

    [Fact]
    public void UndefinedVariableInElementAttributeFailsAtExpand() =>
        AssertError("x = 1;\nq: quadrupole, l:=lq;\nl: line=(q); use, l;", 2, "undefined variable 'lq'", expand: true);

    [Fact]
    public void DivisionByZeroInLength() =>
        AssertError("x = 0;\nd: drift, l:=1/x;\nl: line=(d); use, l;", 2, "division by zero", expand: true);

    [Fact]
    public void NonFiniteFunctionResult() =>
        AssertError("x = -1;\nd: drift, l:=sqrt(x);\nl: line=(d); use, l;", 2, "sqrt(-1)", expand: true);

    [Fact]
    public void OverflowIsNotFinite() => AssertError("x = 1e300;\ny = x * x;", 2, "finite");

    [Fact]
    public void NegativeDriftLength() =>
        AssertError("x = 1;\nd: drift, l=-1;\nl: line=(d); use, l;", 2, "negative length", expand: true);

    [Fact]
    public void CyclicLines() =>
        AssertError("a: line=(m, b);\nb: line=(a);\nm: marker; use, a;", 2, "'a' contains itself: a -> b -> a", expand: true);

    [Fact]
    public void SelfContainingLine() => AssertError("x = 1;\na: line=(a); use, a;", 2, "contains itself", expand: true);

    [Fact]
    public void UnknownNameInLine() =>
        AssertError("m: marker;\nl: line=(m,\n  ghost); use, l;", 3, "unknown element, line or sequence 'ghost'", expand: true);

    [Fact]
    public void CyclicDeferredVariables()
    {
        var document = Madx.Parse("a := b + 1;\nb := a;");
        var error = Assert.Throws<MadxException>(() => document.GetVariable("b"));
        Assert.Equal(2, error.Line);
        Assert.Contains("cyclic", error.Message);
    }

    [Fact]
    public void CyclicAttributeReferences()
    {
        var document = Madx.Parse("x = 1;\nq: quadrupole, k1:=q->k2, k2:=q->k1;");
        var error = Assert.Throws<MadxException>(() => document.GetAttribute("q", "k1"));
        Assert.Equal(2, error.Line);
        Assert.Contains("cyclic", error.Message);
    }

    [Fact]
    public void OverlappingSequenceElements() => AssertError("""
        s: sequence, l=10;
          q1: quadrupole, l=2, at=2;
          q2: quadrupole, l=2, at=3;
        endsequence;
        use, s;
        """, 3, "negative drift: 'q2' starts at s=2 and overlaps 'q1', which ends at s=3", expand: true);

    [Fact]
    public void ElementBeforeTheSequenceStart() => AssertError(
        "s: sequence, l=10;\n  q1: quadrupole, l=2, at=0;\nendsequence; use, s;", 2, "overlaps the start", expand: true);

    [Fact]
    public void ElementBeyondTheSequenceEnd() => AssertError(
        "s: sequence, l=10;\n  q1: quadrupole, l=2, at=1;\n  q2: quadrupole, l=2, at=9.5;\nendsequence; use, s;", 3, "beyond the end", expand: true);

    [Fact]
    public void UnknownAndCircularFrom()
    {
        AssertError("s: sequence, l=10;\n  a: marker, at=1, from=zz;\nendsequence; use, s;", 2, "not in sequence", expand: true);
        AssertError("s: sequence, l=10;\n  a: marker, at=1, from=b;\n  b: marker, at=1, from=a;\nendsequence; use, s;", 2, "circular FROM", expand: true);
    }

    [Fact]
    public void LineInsideSequence() =>
        AssertError("m: marker; l: line=(m);\ns: sequence, l=10;\n  l, at=1;\nendsequence; use, s;", 3, "cannot be placed", expand: true);

    [Fact]
    public void ExpandedElementCountIsCapped() =>
        AssertError("a: marker; l1: line=(1000*a);\nl2: line=(1001*l1);\nl3: line=(1000000*l2, 1000000*l2); use, l2;", 2, "more than 1000000", expand: true);

    [Fact]
    public void ApiErrorsUseTheApiLocation()
    {
        var error = Assert.Throws<MadxException>(() => Madx.Parse("x = 1;").Expand());
        Assert.Equal("<api>", error.File);
        Assert.Equal(0, error.Line);
    }
}
