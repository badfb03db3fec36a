using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class SkippedCommandTests
{
    [Theory]
    [InlineData("twiss, file=\"out.tfs\";", "twiss")]
    [InlineData("emit;", "emit")]
    [InlineData("select, flag=twiss, column=name, s, betx;", "select")]
    [InlineData("write, table=twiss;", "write")]
    [InlineData("value, a + 1;", "value")]
    [InlineData("option, -echo, warn;", "option")]
    [InlineData("show, qf;", "show")]
    [InlineData("print, text=\"hello; world\";", "print")]
    [InlineData("system, \"rm -rf /\";", "system")]
    [InlineData("exec, mymacro;", "exec")]
    [InlineData("savebeta, label=b0, place=#s;", "savebeta")]
    [InlineData("survey;", "survey")]
    [InlineData("assign, echo=\"log.txt\";", "assign")]
    [InlineData("ptc_create_universe;", "ptc_create_universe")]
    [InlineData("ptc_twiss, closed_orbit;", "ptc_twiss")]
    [InlineData("makethin, sequence=ring;", "makethin")]
    [InlineData("tw: twiss;", "twiss")]
    public void ActionCommandsAreSkippedWithAWarning(string command, string name)
    {
        var document = Madx.Parse("a = 1;\n" + command + "\nb = 2;");
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(Madx.Source, warning.File);
        Assert.Equal(2, warning.Line);
        Assert.Contains($"'{name}'", warning.Message);
        Assert.Equal(2, document.GetVariable("b"));
    }

    [Fact]
    public void MatchBlocksAreSkippedEntirely()
    {
        var document = Madx.Parse("""
            k = 1;
            match, sequence=ring;
              vary, name=k, step=1e-6;
              k = 5;
              constraint, range=#e, betx=10;
              lmdif, calls=100, tolerance=1e-9;
            endmatch;
            after = k;
            """);
        Assert.Equal(1, document.GetVariable("after"));
        Assert.Equal(2, Assert.Single(document.Warnings).Line);
    }

    [Fact]
    public void SeqeditAndTrackBlocksAreSkipped()
    {
        var document = Madx.Parse("seqedit, sequence=s; flatten; cycle, start=m; endedit; track; start, x=1; run, turns=10; endtrack; x = 3;");
        Assert.Equal(3, document.GetVariable("x"));
        Assert.Equal(2, document.Warnings.Count);
    }

    [Fact]
    public void MacrosAreNotExecuted()
    {
        var document = Madx.Parse("""
            k = 1;
            bump: macro = { k = 2; exec, other; };
            shift(dk, n): macro = {
              k = k + dk;
            };
            exec, shift(1, 2);
            """);
        Assert.Equal(1, document.GetVariable("k"));
        Assert.Equal([2, 3, 6], document.Warnings.Select(w => w.Line));
    }

    [Fact]
    public void ControlFlowIsNeverExecuted()
    {
        var document = Madx.Parse("""
            k = 1;
            if (k == 1) { k = 2; } elseif (k > 1 && k < 3) { k = 3; } else { k = 4; }
            while (k < 1e9) { k = k + 1; }
            while (1 > 0) { }
            after = k;
            """);
        Assert.Equal(1, document.GetVariable("after"));
        Assert.Equal([2, 3, 4], document.Warnings.Select(w => w.Line));
    }

    [Fact]
    public void StopEndsReading()
    {
        var document = Madx.Parse("a = 1; stop; b = 2; this is not ( valid madx");
        Assert.True(document.HasVariable("a"));
        Assert.False(document.HasVariable("b"));
        Assert.False(Madx.Parse("a = 1; exit; b = 2;").HasVariable("b"));
        Assert.False(Madx.Parse("a = 1; quit; b = 2;").HasVariable("b"));
    }

    [Fact]
    public void UnknownCommandsWarnWithTheirName()
    {
        var document = Madx.Parse("x = 1;\nfrobnicate, level=3;");
        var warning = Assert.Single(document.Warnings);
        Assert.Equal(2, warning.Line);
        Assert.Contains("frobnicate", warning.Message);
    }
}
