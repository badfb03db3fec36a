using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>A fact that runs Gmsh and GetDP; skipped, saying why, only where they are not installed.</summary>
public sealed class SolverFactAttribute : FactAttribute
{
    public SolverFactAttribute()
    {
        if (ExternalTool.MissingReason() is { } why) Skip = why;
    }
}

/// <summary>A fresh cache per test run, so every test really solves; removed afterwards.</summary>
public sealed class FreshSolver : IDisposable
{
    public FreshSolver()
    {
        var dir = Path.Combine(Path.GetTempPath(), "vepp2k-magnetics-tests-" + Guid.NewGuid().ToString("N"));
        Solver = new MagnetostaticSolver(dir, TimeSpan.FromMinutes(2));
    }

    public MagnetostaticSolver Solver { get; }

    public void Dispose()
    {
        if (Directory.Exists(Solver.CacheDirectory)) Directory.Delete(Solver.CacheDirectory, recursive: true);
    }
}
