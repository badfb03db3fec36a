using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// Halving every element size must shrink the change of the main field: the differences between
/// successive meshes fall, at an observed order of at least 1 (second-order elements give 2 to 4
/// where the field is smooth; the iron corners pull it down). Linear iron, so the order is the mesh's.
/// </summary>
public sealed class ConvergenceTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    [SolverFact]
    public void QuadrupoleGradientConvergesWithTheMesh()
    {
        var section = QuadrupoleGeometry.Main.Build();
        var g = new[] { 2.0, 1.0, 0.5 }.Select(f =>
            fixture.Solver.Solve(section, MeshSettings.Coarse.Scaled(f), new IronModel.Linear(1e5), 100).Harmonics(2).Gradient).ToArray();
        double d1 = Math.Abs(g[0] - g[1]), d2 = Math.Abs(g[1] - g[2]);
        Assert.True(d2 < d1, $"gradients {string.Join(", ", g)}: the change grew");
        Assert.True(Math.Log2(d1 / d2) >= 1, $"observed order {Math.Log2(d1 / d2):F2} from {string.Join(", ", g)}");
    }
}
