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
        Assert.True(r.Match.Residual < 1e-8, $"residual {r.Match.Residual}");
        Assert.Equal(RingDesign.Geometry.SolenoidStart, r.Geometry.SolenoidStart, 5);
        Assert.Equal(RingDesign.Geometry.MainCoilLength, r.Geometry.MainCoilLength, 5);
        Assert.Equal(RingDesign.Geometry.ExtraCoilLength, r.Geometry.ExtraCoilLength, 5);
        Assert.Equal(RingDesign.Geometry.TripletDrift1, r.Geometry.TripletDrift1, 5);
        Assert.Equal(RingDesign.Geometry.TripletDrift2, r.Geometry.TripletDrift2, 5);
        Assert.Equal(RingDesign.Geometry.Straight1, r.Geometry.Straight1, 5);
        Assert.Equal(RingDesign.Geometry.Straight2, r.Geometry.Straight2, 5);
        Assert.Equal(RingDesign.Geometry.Straight3, r.Geometry.Straight3, 5);
        Assert.Equal(RingDesign.DesignExtraField, r.ExtraField, 4);
        Assert.Equal(RingDesign.DesignQuads.F2, r.Quads.F2, 4);
    }

    [Fact]
    public void TheDesignCoilsRunInsideTheirRatings()
    {
        // Published ratings: two main coils up to 13 T, extra coil up to 8 T. The main coils' rating is
        // taken on the solenoid's axis with both of them on (where they add up); the extra coil's on
        // its own peak, from its current.
        var catalogue = MagnetCatalogue.Default;
        var fields = RingDesign.DesignSolenoid;
        double e = RingDesign.NominalEnergyEv, brho = Vepp2k.Physics.Constants.MagneticRigidity(e);
        double[] currents = [.. new[] { ("1S1", fields.S1), ("1S2", fields.S2), ("1S3", fields.S3) }
            .Select(x => catalogue.Find(x.Item1).CurrentFromStrength(x.Item2 / brho, e))];
        var profile = catalogue.SolenoidProfile(currents[0], currents[1], currents[2]);
        double axisPeak = Enumerable.Range(0, 20001).Select(i => Math.Abs(profile.Field(profile.From + i * (profile.To - profile.From) / 20000))).Max();
        double extraPeak = catalogue.Find("1S3").FieldFromCurrent(currents[2]);
        Assert.Equal(DesignFit.MainPeakField, axisPeak, 2);
        Assert.Equal(DesignFit.ExtraPeakField, extraPeak, 6);
        Assert.InRange(axisPeak, 0, 13);
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

    [Fact]
    public void TheDesignHasThePublishedEmittanceInTheCoupledRing()
    {
        // The fit aims at Table 1's 2.2e-7 m rad per mode through the I5/I2 formula on the Larmor-frame
        // ring; the Ohmi envelope of the coupled ring, with the coils' profile and radiation inside
        // the bends, is an independent measure of the same thing.
        var envelope = RingOptics.Compute(Modes.Load("design-1GeV").Lattice).Envelope!;
        Assert.InRange(envelope.Emittances[0] / DesignFit.PublishedEmittance, 0.995, 1.005);
        Assert.InRange(envelope.Emittances[1] / DesignFit.PublishedEmittance, 0.995, 1.005);
    }
}
