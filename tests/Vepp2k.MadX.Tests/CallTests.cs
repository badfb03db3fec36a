using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class CallTests
{
    [Fact]
    public void CallPathsAreRelativeToTheCallingFile()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("main.madx", "a = 1;\ncall, file=\"lattice/part.madx\";\nc = a + b + d;");
        dir.Write("lattice/part.madx", "b = 10;\nCALL, FILE=../common/Defs.madx;");
        dir.Write("common/Defs.madx", "d = 100;");
        var document = MadxReader.ParseFile(main);
        Assert.Equal(111, document.GetVariable("c"));
    }

    [Fact]
    public void ParseTextResolvesCallsAgainstTheBaseDirectory()
    {
        using var dir = new TempDirectory();
        dir.Write("defs.madx", "q: quadrupole, l=2;");
        var document = MadxReader.ParseText("call, file='defs.madx'; l: line=(q, q);", "inline", dir.Path);
        Assert.Equal(4, document.Expand("l")[^1].S);
    }

    [Fact]
    public void ErrorsInCalledFilesNameThatFileAndLine()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("main.madx", "call, file=\"inner.madx\";");
        dir.Write("inner.madx", "a = 1;\nb = 2;\nc = a + ;");
        var error = Assert.Throws<MadxException>(() => MadxReader.ParseFile(main));
        Assert.EndsWith("inner.madx", error.File);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void IncludeCyclesAreReportedAtTheCall()
    {
        using var dir = new TempDirectory();
        string a = dir.Write("a.madx", "x = 1;\ncall, file=\"b.madx\";");
        dir.Write("b.madx", "y = 1;\n\ncall, file=\"a.madx\";");
        var error = Assert.Throws<MadxException>(() => MadxReader.ParseFile(a));
        Assert.EndsWith("b.madx", error.File);
        Assert.Equal(3, error.Line);
        Assert.Contains("circular CALL", error.Message);
    }

    [Fact]
    public void SelfIncludeIsACycle()
    {
        using var dir = new TempDirectory();
        string a = dir.Write("self.madx", "call, file=self.madx;");
        Assert.Contains("circular", Assert.Throws<MadxException>(() => MadxReader.ParseFile(a)).Message);
    }

    [Fact]
    public void TheSameFileMayBeCalledTwice()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("main.madx", "n = 0; call, file=inc.madx; call, file=inc.madx;");
        dir.Write("inc.madx", "n = n + 1;");
        Assert.Equal(2, MadxReader.ParseFile(main).GetVariable("n"));
    }

    [Fact]
    public void IncludeDepthIsLimited()
    {
        using var dir = new TempDirectory();
        for (int i = 0; i < 30; i++) dir.Write($"f{i}.madx", $"call, file=f{i + 1}.madx;");
        dir.Write("f30.madx", "x = 1;");
        var error = Assert.Throws<MadxException>(() => MadxReader.ParseFile(Path.Combine(dir.Path, "f0.madx")));
        Assert.Contains("deeper", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void MissingFilesFailAtTheCall()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("main.madx", "x = 1;\ncall, file=\"missing.madx\";");
        var error = Assert.Throws<MadxException>(() => MadxReader.ParseFile(main));
        Assert.EndsWith("main.madx", error.File);
        Assert.Equal(2, error.Line);
        var top = Assert.Throws<MadxException>(() => MadxReader.ParseFile(Path.Combine(dir.Path, "nope.madx")));
        Assert.Equal(0, top.Line);
        Assert.Throws<MadxException>(() => MadxReader.ParseText("call, file=\".\";", "x", dir.Path));
    }

    [Fact]
    public void ReturnEndsOnlyTheCalledFileAndStopEndsEverything()
    {
        using var dir = new TempDirectory();
        string main = dir.Write("main.madx", "call, file=r.madx; after = 1; call, file=s.madx; never = 1;");
        dir.Write("r.madx", "r1 = 1; return; r2 = 1;");
        dir.Write("s.madx", "s1 = 1; stop; s2 = 1;");
        var document = MadxReader.ParseFile(main);
        Assert.True(document.HasVariable("r1"));
        Assert.False(document.HasVariable("r2"));
        Assert.True(document.HasVariable("after"));
        Assert.True(document.HasVariable("s1"));
        Assert.False(document.HasVariable("s2"));
        Assert.False(document.HasVariable("never"));
    }
}
