using Vepp2k.Magnetics;

namespace Vepp2k.Magnetics.Tests;

/// <summary>
/// A published 2-D nonlinear magnetostatics benchmark solved by our Gmsh/GetDP pipeline: the planar
/// electromagnet (a U core wound on its back, a 5 mm thick armature 5 mm below the legs) of the Agros2D
/// test suite, "Magnetic Steadystate Planar Magnet", hpfem/agros2d,
/// data/scripts/test/test_magnetic_steady_planar_nonlin.py (https://github.com/hpfem/agros2d, commit
/// 0a7494858295f20f97f050470d6077f3fb480a45), whose stated results at the armature point
/// (18.14 mm, -7.69 mm) are |B| = 1.819661 T and mu_r = 139.364773, with the COMSOL model of the same
/// problem beside it (test_magnetic_steady_planar_nonlin.mph). Its geometry, currents (+-5 A/mm^2 in
/// two 56 x 12 mm blocks), boundary (a_z = 0 on the rectangle [-150, 150] x [-100, 150] mm) and its
/// mu_r(B) table are taken over as facts; nothing else of it.
/// The table is interpolated there by a monotone cubic (our Fritsch-Carlson interpolation of it gives
/// mu_r(1.819661 T) = 139.365, the stated 139.3648), so it is resampled here densely with that cubic:
/// GetDP then interpolates between points 0.02 T apart, and the saturated armature (where linear
/// interpolation of the coarse table would give mu_r 159 instead of 139) sees the benchmark's iron.
/// </summary>
public sealed class PublishedBenchmarkTests(FreshSolver fixture) : IClassFixture<FreshSolver>
{
    private const double Mu0 = 4e-7 * Math.PI;
    private const double PublishedB = 1.819661;
    private static readonly double[] TableB = [0, 0.2, 0.5, 0.8, 1.15, 1.3, 1.45, 1.6, 1.69, 2, 2.2, 2.5, 3, 5, 10, 20];
    private static readonly double[] TableMu = [995, 995, 991, 933, 771, 651, 473, 311, 245, 40, 30, 25, 20, 8, 5, 2];

    [SolverFact]
    public void AgrosPlanarMagnetArmatureFieldMatchesThePublishedValue()
    {
        var mu = new MonotoneCubic(TableB, TableMu);
        Assert.InRange(mu.At(PublishedB), 139.36, 139.37);   // the interpolation is theirs

        var iron = new IronModel.Nonlinear(Resampled(mu));
        // Mesh halved and halved again: the answer is the finest, the change between the last two its error bar.
        var b = new[] { 1.0, 0.5 }.Select(f =>
        {
            var s = fixture.Solver.Solve(Section(), new MeshSettings(0.0015, 0.1, 0.01).Scaled(f), iron, 1.0);
            return Math.Sqrt(s.CentreBx * s.CentreBx + s.CentreBy * s.CentreBy);
        }).ToArray();
        Assert.True(Math.Abs(b[1] - b[0]) < 0.002 * b[1], $"|B| on the two meshes: {b[0]:F5}, {b[1]:F5} T");
        Assert.InRange(b[1] / PublishedB, 0.995, 1.005);
    }

    /// <summary>The benchmark's geometry [m], moved so that its probe point is our origin (where the solver reports b).</summary>
    private static MagnetSection Section()
    {
        const double px = 0.01814, py = -0.00769;
        var pieces = new List<Piece>
        {
            Piece.Rectangle(Material.Iron, -0.05, -0.01, 0.05, -0.005),   // armature
            Piece.Rectangle(Material.Iron, -0.05, 0.04, 0.05, 0.06),      // back of the U, wound
            Leg(1), Leg(-1),
            // 56 x 12 mm each; the current is 5e6 A/m^2 times that area, with one turn per block.
            Piece.Rectangle(Material.CoilPlus, -0.028, 0.026, 0.028, 0.038),
            Piece.Rectangle(Material.CoilMinus, -0.028, 0.062, 0.028, 0.074),
        };
        return new MagnetSection("agros-magnet", 1, 0.003, 5e6 * 0.056 * 0.012, pieces.Select(p => p.Map(q => new Point2(q.X - px, q.Y - py))).ToList(), 0, 0)
        {
            AirBox = new Box(-0.15 - px, -0.1 - py, 0.15 - px, 0.15 - py),
        };
    }

    /// <summary>A leg of the U, x in [0.03, 0.05] mirrored by <paramref name="side"/>, its inner top corner rounded with a 2 mm radius (as the benchmark's 90 deg arcs).</summary>
    private static Piece Leg(int side)
    {
        var corners = new List<Point2> { new(0.05, 0), new(0.05, 0.04), new(0.028, 0.04) };
        for (int k = 1; k < 8; k++)
        {
            double t = Math.PI / 2 * k / 8;   // around the centre (28, 38) mm from the top (90 deg) to the side (0 deg)
            corners.Add(new(0.028 + 0.002 * Math.Sin(t), 0.038 + 0.002 * Math.Cos(t)));
        }
        corners.Add(new(0.03, 0.038));
        corners.Add(new(0.03, 0));
        return new Piece(Material.Iron, corners.Select(p => p with { X = side * p.X }).ToArray());
    }

    /// <summary>The B-H points of the cubic every 0.02 T to 3 T (past the knee), then the table's own points.</summary>
    private static BhCurve Resampled(MonotoneCubic mu)
    {
        var b = Enumerable.Range(1, 150).Select(k => 0.02 * k).Concat(TableB.Where(x => x > 3)).ToArray();
        return new BhCurve("agros benchmark iron", "hpfem/agros2d test_magnetic_steady_planar_nonlin.py",
            [0, .. b.Select(x => x / (Mu0 * mu.At(x)))], [0, .. b]);
    }
}
