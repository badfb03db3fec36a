using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// The dipole is symmetric about both axes, so only b1, b3, b5... may appear; the quadrupole has the
/// symmetry of a square with alternating poles, so only b2, b6, b10... The whole section is meshed
/// (no symmetry in the mesh), so what appears among the forbidden terms is the discretisation's own
/// asymmetry, which must stay below 1e-4 of the main field, here in saturated iron.
/// </summary>
public sealed class SymmetryTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    [SolverFact]
    public void DipoleHasOnlyOddNormalHarmonics()
    {
        var s = fixture.Solver.Solve(new DipoleGeometry().Build(), MeshSettings.Coarse, IronModel.Steel1010, 9000);
        AssertOnlyAllowed(s.Harmonics(1), n => n % 2 == 1);
    }

    [SolverFact]
    public void QuadrupoleHasOnlyB2B6B10()
    {
        var s = fixture.Solver.Solve(QuadrupoleGeometry.Main.Build(), MeshSettings.Coarse, IronModel.Steel1010, 300);
        AssertOnlyAllowed(s.Harmonics(2), n => n % 4 == 2);
    }

    private static void AssertOnlyAllowed(Harmonics h, Func<int, bool> allowed)
    {
        for (int n = 1; n <= 20; n++)
        {
            Assert.True(Math.Abs(h.RelativeSkew(n)) < 1e-4, $"a{n} = {h.RelativeSkew(n):E2} of the main field");
            if (!allowed(n)) Assert.True(Math.Abs(h.RelativeNormal(n)) < 1e-4, $"b{n} = {h.RelativeNormal(n):E2} of the main field");
        }
    }
}
