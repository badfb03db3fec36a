using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests;

public class LinearOpticsTests
{
    // Thin-lens FODO: cos mu = 1 - L^2/(8 f^2); per-cell beta at the F quad = L (1 + sin(mu/2))/sin mu;
    // natural chromaticity xi = -(N/pi) tan(mu/2) (e.g. MAD-X: -2.5466 for N = 8, mu = 90 deg).
    [Theory]
    [InlineData(8, 90.0)]
    [InlineData(6, 60.0)]
    [InlineData(10, 72.0)]
    public void ThinLensFodoMatchesAnalyticTunesBetaAndChromaticity(int cells, double muDegrees)
    {
        double cell = 4.0, mu = muDegrees * Math.PI / 180;
        double f = cell / (2 * Math.Sqrt(2 * (1 - Math.Cos(mu))));
        var optics = LinearOptics.Compute(TestLattices.Fodo(cells, cell, f, lq: 1e-6));
        double q = cells * mu / (2 * Math.PI);
        Assert.Equal(q, optics.Tunes[0], 5);
        Assert.Equal(q, optics.Tunes[1], 5);
        double betaF = cell * (1 + Math.Sin(mu / 2)) / Math.Sin(mu);
        Assert.Equal(betaF, optics.Start.BetX, 3);
        Assert.Equal(cell * (1 - Math.Sin(mu / 2)) / Math.Sin(mu), optics.Start.BetY, 3);
        var xi = Chromaticity.Compute(optics.Lattice, optics.Modes, optics.Dispersion0);
        double expected = -cells / Math.PI * Math.Tan(mu / 2);
        Assert.Equal(expected, xi[0], 3);
        Assert.Equal(expected, xi[1], 3);
    }

    [Fact]
    public void IntegerTuneIsFollowedThroughTheRing()
    {
        // 8 cells of 90 degrees: Q = 2.0 exactly, where acos(trace/2) cannot tell 2.0 from 0.0.
        double cell = 4.0, mu = 0.5 * Math.PI;
        double f = cell / (2 * Math.Sqrt(2 * (1 - Math.Cos(mu))));
        var optics = LinearOptics.Compute(TestLattices.Fodo(8, cell, f * 1.0000001, lq: 1e-6));
        Assert.Equal(2.0, optics.Tunes[0], 4);
        Assert.Equal(2.0, optics.Tunes[1], 4);
    }

    [Fact]
    public void UncoupledRingHasMaisRipkenEqualToCourantSnyder()
    {
        var optics = LinearOptics.Compute(TestLattices.Ring());
        foreach (var row in optics.Rows)
        {
            Assert.Equal(row.BetX, row.Beta11, 9);
            Assert.Equal(row.BetY, row.Beta22, 9);
            Assert.True(row.Beta12 < 1e-12 && row.Beta21 < 1e-12);
            Assert.Equal(row.AlfX, row.Alfa11, 9);
            Assert.Equal(1.0, row.CouplingGamma, 12);
        }
    }

    [Fact]
    public void SectorBendDispersionMatchesAnalyticInsideAnAchromat()
    {
        // A single sector bend from D = D' = 0: D = rho (1 - cos theta), D' = sin theta.
        double rho = 1.4, theta = Math.PI / 4;
        var bend = new SectorBend("b", rho * theta, theta);
        var z = new double[] { 0, 0, 0, 0, 1e-7, 0 };
        Tracker.Track([bend], z, new TrackContext(1e9, false));
        Assert.Equal(rho * (1 - Math.Cos(theta)), z[0] / 1e-7, 5);
        Assert.Equal(Math.Sin(theta), z[1] / 1e-7, 5);
        Assert.Equal(rho * (theta - Math.Sin(theta)), z[5] / 1e-7, 5);
    }
}
