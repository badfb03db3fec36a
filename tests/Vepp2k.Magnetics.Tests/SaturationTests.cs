using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// With the 1010 steel the field per ampere can only be at or below the ideal-iron value mu0 N / g and
/// must fall as the iron saturates: near the ideal value at low current (the table's mu_r of 670 to 930
/// over an iron path some 15 gaps long costs a few percent), clearly below it once the poles pass 2 T.
/// </summary>
public sealed class SaturationTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    private const double Mu0 = 4e-7 * Math.PI;

    [SolverFact]
    public void DipoleFieldPerAmpereFallsAtHighCurrent()
    {
        var geometry = new DipoleGeometry();
        // Twice the coarse element size: the bounds below are percent-level, the mesh error 1e-4.
        var sweep = new ExcitationSweep(fixture.Solver, geometry.Build(), MeshSettings.Coarse.Scaled(2), IronModel.Steel1010);
        double ideal = Mu0 * geometry.Turns / geometry.Gap;
        var perAmp = sweep.Run([1000, 5000, 10000]).Select(p => p.MainField / p.Current / ideal).ToArray();
        Assert.InRange(perAmp[0], 0.95, 1.0);
        Assert.True(perAmp[1] < perAmp[0] && perAmp[2] < perAmp[1], $"B/I over the ideal: {string.Join(", ", perAmp)}");
        Assert.True(perAmp[2] < 0.9, $"no saturation at 10 kA: B/I = {perAmp[2]:F3} of the ideal");
    }

    [SolverFact]
    public void QuadrupoleGradientPerAmpereFallsAtHighCurrent()
    {
        var geometry = QuadrupoleGeometry.Main;
        var sweep = new ExcitationSweep(fixture.Solver, geometry.Build(), MeshSettings.Coarse, IronModel.Steel1010);
        double ideal = 2 * Mu0 * geometry.Turns / (geometry.BoreRadius * geometry.BoreRadius);
        var perAmp = sweep.Run([30, 300]).Select(p => p.MainField / p.Current / ideal).ToArray();
        Assert.InRange(perAmp[0], 0.95, 1.0);
        Assert.True(perAmp[1] < perAmp[0], $"G/I over the ideal: {string.Join(", ", perAmp)}");
    }
}
