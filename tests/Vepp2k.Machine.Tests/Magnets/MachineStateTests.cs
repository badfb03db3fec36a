using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>Timing tests run alone so the other test classes do not share the two cores.</summary>
[CollectionDefinition("timing", DisableParallelization = true)]
public class TimingCollection;

/// <summary>The whole machine converted in one call, both ways, fast and without allocation.</summary>
[Collection("timing")]
public class MachineStateTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    /// <summary>The design optics at an energy: bends, design quads, solenoids at 45 degrees, small corrector kicks.</summary>
    private static double[] DesignStrengths(double energy)
    {
        var q = RingDesign.DesignQuads;
        var quads = new Dictionary<string, double> { ["D1"] = q.D1, ["D2"] = q.D2, ["D3"] = q.D3, ["F1"] = q.F1, ["F2"] = q.F2, ["F3"] = q.F3 };
        double brho = Vepp2k.Physics.Constants.MagneticRigidity(energy);
        var fields = RingDesign.Solenoid(RingDesign.Geometry, 12.9 * energy / 1e9, RingDesign.SolenoidRotation, energy);
        return [.. Catalogue.Magnets.Select(m => m.Kind switch
        {
            MagnetKind.Dipole => Math.PI / 4,
            MagnetKind.Quadrupole => quads[m.Family],
            MagnetKind.SolenoidSection => (m.Family switch { "S1" => fields.S1, "S2" => fields.S2, _ => fields.S3 }) / brho,
            _ => m.StrengthFromCurrent(1.0, energy),
        })];
    }

    [Theory]
    [InlineData(0.16e9)]
    [InlineData(1.0e9)]
    public void WholeStateRoundTrips(double energy)
    {
        var strengths = DesignStrengths(energy);
        var currents = new double[strengths.Length];
        var back = new double[strengths.Length];
        Catalogue.ToCurrents(energy, strengths, currents);
        Catalogue.ToStrengths(energy, currents, back);
        for (int i = 0; i < strengths.Length; i++)
            Assert.True(Math.Abs(back[i] - strengths[i]) <= 1e-9 * Math.Abs(strengths[i]), Catalogue.Magnets[i].Name);
        var byName = Catalogue.ToCurrents(energy, new Dictionary<string, double> { ["2f1"] = strengths[Catalogue.IndexOf("2F1")] });
        Assert.Equal(currents[Catalogue.IndexOf("2F1")], byName["2F1"]);
    }

    [Fact]
    public void WholeStateConvertsWithoutAllocating()
    {
        var strengths = DesignStrengths(1e9);
        var currents = new double[strengths.Length];
        var back = new double[strengths.Length];
        for (int i = 0; i < 200; i++) { Catalogue.ToCurrents(1e9, strengths, currents); Catalogue.ToStrengths(1e9, currents, back); }
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 2000; i++) { Catalogue.ToCurrents(1e9, strengths, currents); Catalogue.ToStrengths(1e9, currents, back); }
        // The time budget (< 20 us per direction) is checked by MagnetBenchmarks (docs/benchmarks.md).
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
