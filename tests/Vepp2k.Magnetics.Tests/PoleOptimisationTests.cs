using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// The fitted quadrupole pole (QuadrupoleGeometry.Optimised: wider, its ends chamfered) against the plain
/// truncated hyperbola, both solved at the four currents of the fit, from the bottom of the energy range
/// to the saturated top: the solver must find b6 and b10 at least three times smaller in the RMS and
/// in the worst case.
/// </summary>
public sealed class PoleOptimisationTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    [SolverFact]
    public void TheFittedQuadrupolePoleCutsB6AndB10ThreefoldOverTheRange()
    {
        double[] currents = [50, 250, 400, 550];
        ShapeHarmonics Solve(QuadrupoleGeometry g) =>
            new PoleOptimisation(fixture.Solver, MeshSettings.Coarse, IronModel.Steel1010, _ => g.Build(), currents, [6, 10]).Evaluate([]);
        var (plain, fitted) = (Solve(QuadrupoleGeometry.Main), Solve(QuadrupoleGeometry.Optimised));
        Assert.True(fitted.RmsUnits * 3 < plain.RmsUnits, $"RMS of b6, b10: {plain.RmsUnits:F3} plain, {fitted.RmsUnits:F3} fitted (units)");
        Assert.True(fitted.MaxUnits * 3 < plain.MaxUnits, $"largest of b6, b10: {plain.MaxUnits:F3} plain, {fitted.MaxUnits:F3} fitted (units)");
    }
}
