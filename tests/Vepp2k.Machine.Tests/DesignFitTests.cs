using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Tests;

public class DesignFitTests
{
    [Fact]
    public void TheStoredDesignIsTheFitsOwnSolution()
    {
        // Rerunning the fit from the stored design must stay where it is: every target met, nothing moved.
        var r = DesignFit.Run(RingDesign.Geometry, RingDesign.DesignQuads);
        Assert.True(r.Match.Residual < 1e-10, $"residual {r.Match.Residual}");
        Assert.Equal(RingDesign.Geometry.SolenoidStart, r.Geometry.SolenoidStart, 6);
        Assert.Equal(RingDesign.Geometry.MainCoilLength, r.Geometry.MainCoilLength, 6);
        Assert.Equal(RingDesign.Geometry.ExtraCoilLength, r.Geometry.ExtraCoilLength, 6);
        Assert.Equal(RingDesign.DesignExtraField, r.ExtraField, 5);
        Assert.Equal(RingDesign.DesignQuads.F2, r.Quads.F2, 5);
    }

    [Fact]
    public void TheDesignCoilsRunInsideTheirRatings()
    {
        // Peak on-axis field of each section alone, from its current (the published ratings: 13 T and 8 T).
        var catalogue = MagnetCatalogue.Default;
        var fields = RingDesign.DesignSolenoid;
        double e = RingDesign.NominalEnergyEv, brho = Vepp2k.Physics.Constants.MagneticRigidity(e);
        double mainPeak = catalogue.Find("1S1").FieldFromCurrent(catalogue.Find("1S1").CurrentFromStrength(fields.S1 / brho, e));
        double extraPeak = catalogue.Find("1S3").FieldFromCurrent(catalogue.Find("1S3").CurrentFromStrength(fields.S3 / brho, e));
        Assert.Equal(DesignFit.MainPeakField, mainPeak, 9);
        Assert.Equal(DesignFit.ExtraPeakField, extraPeak, 6);
        Assert.InRange(mainPeak, 0, 13);
        Assert.InRange(extraPeak, -8, 0);
    }

    [Fact]
    public void ReadLiterallyTheHardEdgesFocusMoreThanTheCoils()
    {
        // The profile model is the design; the file's hard edges, read as MAD-X reads them, give another ring.
        var profile = LinearOptics.Compute(Modes.Load("design-1GeV").Lattice);
        var hard = LinearOptics.Compute(Modes.Load("design-1GeV", hardEdge: true).Lattice);
        Assert.Equal(0.10, profile.Rows[0].Beta11 + profile.Rows[0].Beta21, 4);
        Assert.True(Math.Abs(hard.Tunes[0] - profile.Tunes[0]) > 0.1, $"hard-edge tunes {hard.Tunes[0]} vs {profile.Tunes[0]}");
    }
}
