using Vepp2k.Machine.Magnets;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>The catalogue against the facility's channel list (vepp2000-machine.md 2-3).</summary>
public class CatalogueTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    [Fact]
    public void CountsMatchTheFacility()
    {
        Assert.Equal(8, Catalogue.OfKind(MagnetKind.Dipole).Count());
        Assert.Equal(24, Catalogue.OfKind(MagnetKind.Quadrupole).Count());
        Assert.Equal(12, Catalogue.OfKind(MagnetKind.SolenoidSection).Count());
        var correctors = Catalogue.OfKind(MagnetKind.HorizontalCorrector, MagnetKind.DipoleTrim, MagnetKind.VerticalCorrector,
            MagnetKind.SkewQuadrupole, MagnetKind.Sextupole, MagnetKind.QuadrupoleTrim).ToList();
        Assert.Equal(64, correctors.Count);
        Assert.Equal(108, Catalogue.Magnets.Count);
        Assert.Equal(108, Catalogue.Magnets.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void NamesAreTheFacilitys()
    {
        string[] dipoles = ["1M1", "1M2", "2M1", "2M2", "3M1", "3M2", "4M1", "4M2"];
        Assert.Equal(dipoles, Catalogue.OfKind(MagnetKind.Dipole).Select(m => m.Name).Order());
        Assert.All(Catalogue.OfKind(MagnetKind.Dipole), m => Assert.Equal("PS", m.Supply));
        var quads = from q in "1234" from f in new[] { "D1", "D2", "D3", "F1", "F2", "F3" } select $"{q}{f}";
        Assert.Equal(quads.Order(), Catalogue.OfKind(MagnetKind.Quadrupole).Select(m => m.Name).Order());
        Assert.Equal(24, Catalogue.OfKind(MagnetKind.Quadrupole).Select(m => m.Supply).Distinct().Count());
        var sections = from q in "1234" from k in "123" select $"{q}S{k}";
        Assert.Equal(sections.Order(), Catalogue.OfKind(MagnetKind.SolenoidSection).Select(m => m.Name).Order());
        string[] um = ["F1X", "F2X", "F3X", "X1", "X2", "D1Z", "D2Z", "D3Z", "F1Z", "SX", "SZ", "SQ1", "SQ2", "SQ3", "SD", "F1"];
        var paths = from q in "1234" from n in um select $"VEPP/UM/{q}/{n}";
        Assert.Equal(paths.Order(), Catalogue.Magnets.Where(m => m.Channel.StartsWith("VEPP/UM/")).Select(m => m.Channel).Order());
    }

    [Theory]
    [InlineData("1F1", 0.19)]
    [InlineData("2D2", 0.14)]
    [InlineData("3F3", 0.06)]
    public void LengthsComeFromTheRingGeometry(string name, double length) =>
        Assert.Equal(length, Catalogue.Find(name).Length, 12);

    [Fact]
    public void SolenoidSectionLengthsAreTheFittedCoils()
    {
        Assert.Equal(Vepp2k.Machine.Ring.RingDesign.Geometry.MainCoilLength, Catalogue.Find("1s1").Length, 12);
        Assert.Equal(Vepp2k.Machine.Ring.RingDesign.Geometry.ExtraCoilLength, Catalogue.Find("4S3").Length, 12);
    }

    [Fact]
    public void CorrectorMappingIsStated()
    {
        var trim = Catalogue.Find("VEPP/UM/2/F1");
        Assert.Equal("2F1T", trim.Name);
        Assert.Equal(MagnetKind.QuadrupoleTrim, trim.Kind);
        Assert.Equal("2F1", trim.Host);
        Assert.Equal(MagnetKind.SkewQuadrupole, Catalogue.Find("3sq2").Kind);
        Assert.Equal(MagnetKind.VerticalCorrector, Catalogue.Find("4D3Z").Kind);
        Assert.All(Catalogue.Magnets.Where(m => m.Channel.StartsWith("VEPP/UM/")), m => Assert.False(string.IsNullOrWhiteSpace(m.Mapping)));
    }

    [Fact]
    public void UnknownNameIsRefusedWithAHint()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => Catalogue.Find("5Q7"));
        Assert.Contains("5Q7", e.Message);
        Assert.Contains("1D1..4F3", e.Message);
    }

    [Theory]
    [InlineData("1M1", "T", "rad")]
    [InlineData("1D1", "T/m", "1/m^2")]
    [InlineData("1S1", "T", "1/m")]
    [InlineData("1SD", "T/m^2", "1/m^3")]
    [InlineData("1F1X", "T m", "rad")]
    public void UnitsForDisplay(string name, string field, string strength)
    {
        Assert.Equal(field, Catalogue.Find(name).FieldUnit);
        Assert.Equal(strength, Catalogue.Find(name).StrengthUnit);
    }
}
