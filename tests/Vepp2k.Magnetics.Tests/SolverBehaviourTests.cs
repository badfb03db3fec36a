using System.Diagnostics;
using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>The cache answers a repeated problem without the solver; a solver that cannot finish is an error that says so.</summary>
public sealed class SolverBehaviourTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    [SolverFact]
    public void ARepeatedSolveComesFromTheCache()
    {
        var section = QuadrupoleGeometry.Short.Build();
        var first = fixture.Solver.Solve(section, MeshSettings.Coarse, IronModel.Steel1010, 150);
        var clock = Stopwatch.StartNew();
        var again = fixture.Solver.Solve(section, MeshSettings.Coarse, IronModel.Steel1010, 150);
        Assert.False(first.FromCache);
        Assert.True(again.FromCache);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"cached solve took {clock.Elapsed}");
        Assert.Equal(first.Potential, again.Potential);
        var other = fixture.Solver.Solve(section, MeshSettings.Coarse, IronModel.Steel1010, 151);
        Assert.False(other.FromCache);
    }

    [SolverFact]
    public void ASolverPastItsTimeoutIsStoppedWithAClearError()
    {
        var solver = new MagnetostaticSolver(fixture.Solver.CacheDirectory, TimeSpan.FromMilliseconds(1));
        var e = Assert.Throws<MagnetostaticsException>(() => solver.Solve(new DipoleGeometry().Build(), MeshSettings.Coarse, IronModel.Steel1010, 1234));
        Assert.Contains("ran past", e.Message);
    }

    [SolverFact]
    public void NewtonThatCannotConvergeIsAnErrorNotAResult()
    {
        // A B-H table whose reluctivity jumps a thousandfold between two close points: the Newton
        // steps overshoot back and forth across the jump in the saturated poles (a very coarse mesh
        // keeps the 50 futile steps short).
        var cliff = new BhCurve("cliff", "made up for this test", [0, 100, 101, 1e7], [0, 1.0, 1.0001, 2.0]);
        var e = Assert.Throws<MagnetostaticsException>(() =>
            fixture.Solver.Solve(QuadrupoleGeometry.Main.Build(), MeshSettings.Coarse.Scaled(2), new IronModel.Nonlinear(cliff), 300));
        Assert.Contains("did NOT converge", e.Message);
    }
}
