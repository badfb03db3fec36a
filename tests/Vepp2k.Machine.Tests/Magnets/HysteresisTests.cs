using Vepp2k.Machine.Magnets;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>Up and down branches of the warm magnets and the standardisation cycle (modelled).</summary>
public class HysteresisTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    [Theory]
    [InlineData("1M1", 0.0015)]
    [InlineData("2F2", 0.05)]
    [InlineData("3F3", 0.02)]
    public void DownBranchLiesAboveByTheRemanence(string name, double remanence)
    {
        var m = Catalogue.Find(name);
        Assert.Equal(0, m.FieldFromCurrent(0, HysteresisBranch.Up));
        Assert.Equal(remanence, m.FieldFromCurrent(0, HysteresisBranch.Down), 1e-12);
        double mid = m.MaxCurrent / 2;
        double gap = m.FieldFromCurrent(mid, HysteresisBranch.Down) - m.FieldFromCurrent(mid, HysteresisBranch.Up);
        Assert.InRange(gap, 0.1 * remanence, remanence);
        // The branches meet at the top of the standardisation cycle.
        Assert.Equal(m.FieldFromCurrent(m.MaxCurrent, HysteresisBranch.Up), m.FieldFromCurrent(m.MaxCurrent, HysteresisBranch.Down), 1e-9);
    }

    [Fact]
    public void StandardisedMagnetIsReproducibleOnTheUpBranch()
    {
        var m = Catalogue.Find("1D3");
        var first = new HysteresisTracker(m);
        Assert.Throws<InvalidOperationException>(() => first.Field);   // never standardised: branch unknown
        first.Standardise();
        first.SetCurrent(150);
        double field = first.Field;
        first.Standardise();
        first.SetCurrent(80);
        first.SetCurrent(150);
        Assert.Equal(field, first.Field);
        Assert.Equal(HysteresisBranch.Up, first.Branch);
        Assert.Equal(150, first.CurrentFor(field), 1e-9);
    }

    [Fact]
    public void LoweringTheCurrentMovesToTheDownBranchAndRaisingAgainNeedsStandardisation()
    {
        var tracker = new HysteresisTracker(Catalogue.Find("4M2"));
        tracker.Standardise();
        tracker.SetCurrent(9000);
        tracker.SetCurrent(5000);
        Assert.Equal(HysteresisBranch.Down, tracker.Branch);
        Assert.True(tracker.Field > Catalogue.Find("4M2").FieldFromCurrent(5000, HysteresisBranch.Up));
        tracker.SetCurrent(6000);
        var e = Assert.Throws<InvalidOperationException>(() => tracker.Field);
        Assert.Contains("4M2", e.Message);
    }

    [Fact]
    public void SuperconductingAndCorrectorCurvesHaveNoHysteresis()
    {
        var tracker = new HysteresisTracker(Catalogue.Find("1S1"));
        Assert.Equal(HysteresisBranch.Up, tracker.Branch);
        var m = Catalogue.Find("1X1");
        Assert.Equal(m.FieldFromCurrent(2, HysteresisBranch.Up), m.FieldFromCurrent(2, HysteresisBranch.Down));
    }
}
