using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// With iron of very large permeability the field in the aperture follows from Ampere's law alone:
/// dipole: the loop up the gap and down one return leg encloses the conductors of both pole coils on
/// that side, N I in all (N = total turns), so B g = mu0 N I;
/// quadrupole: the pole face x y = r^2/2 sits at scalar potential N I (turns per pole), so the bore
/// potential is G x y / mu0 with G = 2 mu0 N I / r^2.
/// The finite pole width and the iron's 1/mu_r leave a remainder well under the 0.5 % asked here.
/// </summary>
public sealed class LinearIronLimitTests : IClassFixture<FreshSolver>
{
    private const double Mu0 = 4e-7 * Math.PI;
    private static readonly IronModel Ideal = new IronModel.Linear(1e5);
    private readonly MagnetostaticSolver solver;

    public LinearIronLimitTests(FreshSolver fixture) => solver = fixture.Solver;

    [SolverFact]
    public void DipoleFieldIsMu0NIOverGap()
    {
        var geometry = new DipoleGeometry();
        var section = geometry.Build();
        const double current = 2000;
        var s = solver.Solve(section, MeshSettings.Coarse, Ideal, current);
        double expected = Mu0 * geometry.Turns * current / geometry.Gap;
        Assert.InRange(s.CentreBy / expected, 0.995, 1.005);
        Assert.InRange(s.Harmonics(1).Main / expected, 0.995, 1.005);
        Assert.InRange(Math.Abs(s.CentreBx / expected), 0, 1e-3);
    }

    [SolverFact]
    public void QuadrupoleGradientIs2Mu0NIOverR2ForBothTurnCounts()
    {
        const double current = 100;
        foreach (var geometry in new[] { QuadrupoleGeometry.Main, QuadrupoleGeometry.Short })
        {
            var s = solver.Solve(geometry.Build(), MeshSettings.Coarse, Ideal, current);
            double expected = 2 * Mu0 * geometry.Turns * current / (geometry.BoreRadius * geometry.BoreRadius);
            Assert.InRange(s.Harmonics(2).Gradient / expected, 0.995, 1.005);
        }
    }
}
