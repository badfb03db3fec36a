namespace Vepp2k.MadX.Tests;

/// <summary>VEPP-2000 element names start with a digit (1M1, 4F3); the reader accepts them as names.</summary>
public class FacilityNameTests
{
    [Fact]
    public void NamesStartingWithDigitsAreNames()
    {
        var d = Madx.Parse("""
            k_1f1 = 12.5;
            1F1: quadrupole, l=0.19, k1:=k_1f1;
            1M1L: marker;
            2S1: solenoid, l=0.25, ks=1.2;
            ring: line=(1F1, 1M1L, 2*2S1);
            use, period=ring;
            """);
        var e = d.Expand();
        Assert.Equal(["1f1", "1m1l", "2s1", "2s1"], Madx.Names(e));
        Assert.Equal(12.5, e[0].Number("k1"));
        Assert.Equal(0.25 * 2 + 0.19, e[^1].S, 12);
    }

    [Fact]
    public void ExponentsAndRepetitionsStayNumbers()
    {
        var d = Madx.Parse("a = 1e2; b = 2.5E-1; c = 3*a;");
        Assert.Equal(100, d.GetVariable("a"));
        Assert.Equal(0.25, d.GetVariable("b"));
        Assert.Equal(300, d.GetVariable("c"));
    }
}
