using Vepp2k.Machine.Magnets;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>The excitation curves against the published ratings (abstract, vepp2000-machine.md 3).</summary>
public class AnchorTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    [Fact]
    public void DipoleGivesThePublished1GeVField()
    {
        // Independent truth: B rho of a 1 GeV electron from p c, over rho = 1.40 m; abstract: 23.82 kG.
        const double me = 0.51099895e6;
        double brho = Math.Sqrt(1e18 - me * me) / 299_792_458.0;
        double current = Catalogue.DipoleCurrent(1e9);
        double field = Catalogue.Find("1M1").FieldFromCurrent(current);
        Assert.Equal(brho / 1.40, field, 1e-9 * field);
        Assert.Equal(2.382, field, 0.001);
        Assert.InRange(current, 0, 10_000);
        Assert.Equal(1e9, Catalogue.BeamEnergy(current), 1e-9 * 1e9);
    }

    [Fact]
    public void DipoleReaches24kGWithin10kA() =>
        Assert.True(Catalogue.Find("2M2").FieldFromCurrent(10_000) >= 2.4);

    [Fact]
    public void DipoleSaturates()
    {
        // The field per ampere falls toward the top of the range (iron), nearly constant at low field.
        var m = Catalogue.Find("1M1");
        double low = m.FieldFromCurrent(2000) / 2000, high = m.FieldFromCurrent(10_000) / 10_000;
        Assert.InRange(high / low, 0.6, 0.95);
    }

    [Theory]
    [InlineData("1F1", 52.0)]
    [InlineData("1D2", 52.0)]
    [InlineData("3F3", 11.0)]
    public void QuadsReachTheirRatedGradientWithin300A(string name, double gradient)
    {
        var m = Catalogue.Find(name);
        Assert.Equal(300, m.MaxCurrent);
        Assert.True(m.FieldFromCurrent(300) >= gradient);
    }

    [Theory]
    [InlineData("1S1", 13.0)]
    [InlineData("2S2", 13.0)]
    [InlineData("4S3", 8.0)]
    public void SolenoidSectionsReachTheirRatedFieldWithin300A(string name, double field)
    {
        var m = Catalogue.Find(name);
        Assert.InRange(m.MaxCurrent, 1, 300);
        Assert.Equal(field, m.FieldFromCurrent(m.MaxCurrent), 1e-9 * field);
        Assert.Equal(-field, m.FieldFromCurrent(-m.MaxCurrent), 1e-9 * field);   // bipolar
    }

    [Fact]
    public void CorrectorsAreLinearUpTo6A()
    {
        var m = Catalogue.Find("1F2X");
        Assert.Equal(6, m.MaxCurrent);
        Assert.Equal(2 * m.FieldFromCurrent(3), m.FieldFromCurrent(6), 1e-15);
    }
}
