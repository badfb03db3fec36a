using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// The end model. The integrals against a profile written down by hand (MAD-X's table: a linear drop-off
/// has FINT = 1/6, and its hard edge sits halfway down the ramp), then the solved square-ended pole
/// against the published typical value and the designer's rule of thumb.
/// </summary>
public sealed class FringeFieldTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    private const double Mu0 = 4e-7 * Math.PI;

    [Fact]
    public void ALinearDropOffHasFintOneSixthAndItsEdgeHalfwayDown()
    {
        // B0 = 1.3 T from s = -0.1 m to the iron edge at s = 0, falling linearly to 0 at s = 0.05 m (the gap), then 0.
        const double gap = 0.05, step = 0.0005;
        var b = Enumerable.Range(0, 401).Select(k => -0.1 + k * step)
            .Select(s => 1.3 * Math.Clamp(1 - s / gap, 0, 1)).ToArray();
        var f = FringeField.FromProfile(b, -0.1, step, gap);
        // The trapezoid rule is exact for the linear B, off by (step / gap)^2 / 6 = 1.7e-5 for the quadratic B (B0 - B).
        Assert.InRange(f.Fint - 1.0 / 6, -3e-5, 0);
        Assert.Equal(gap / 2, f.Extension, 9);
        Assert.Equal(1.3, f.CentralField);
    }

    /// <summary>
    /// MAD-X (user guide, Bending Magnets, after SLAC-75) gives FINT = 0.45 for a square-edged
    /// non-saturating magnet (0.4 clamped Rogowski, 0.7 unclamped Rogowski) as typical values, not for a
    /// stated geometry; the rule of thumb puts the effective edge about half a gap past the iron
    /// (L_eff = L_iron + g). The solved end must land in that neighbourhood: FINT within 0.1 of 0.45, the
    /// edge between 0.4 and 0.7 gaps out; and the gap field far inside must be the ideal mu0 N I / g.
    /// </summary>
    [SolverFact]
    public void TheSquareEndedPoleHasThePublishedFringeIntegral()
    {
        var end = new PoleEndSection();
        const double current = 2000;
        var s = fixture.Solver.Solve(end.Build(), MeshSettings.Coarse, new IronModel.Linear(1e5), current, new FieldMapRequest(5 * end.Gap, 161));
        var f = FringeField.FromMap(s.Map!, end.Gap);
        Assert.InRange(f.CentralField / (Mu0 * end.Turns * current / end.Gap), 0.995, 1.005);
        Assert.InRange(s.Map!.Norm[80 * 161 + 160] / f.CentralField, 0, 0.01);   // five gaps out the field is gone
        Assert.InRange(f.Fint, 0.35, 0.55);
        Assert.InRange(f.Extension / end.Gap, 0.4, 0.7);
    }
}
