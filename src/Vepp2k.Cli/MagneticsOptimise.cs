using System.Globalization;
using Vepp2k.Magnetics;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k magnetics quad|dipole --optimise: fits the pole shape (quadrupole: pole half width and
/// pole-end shim height; dipole: pole face and root half widths) to the smallest RMS of b6, b10 (b3, b5)
/// over currents from the bottom of the energy range to saturation, and prints the harmonics of the
/// start and of the fit at each current.
/// </summary>
public static class MagneticsOptimise
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    /// <summary>
    /// A shape family: its parameters in mm, the bounds the simplex's proposals are clamped to (the
    /// values the shape is built with and the fit reports), where the fit starts, its first steps,
    /// the currents and the target orders.
    /// </summary>
    public sealed record Family(string Magnet, string[] Names, Func<double[], double[]> Bounds, Func<double[], MagnetSection> Shape,
        double[] Start, double[] Step, double[] Currents, int[] Orders);

    public static Family For(string magnet) => magnet switch
    {
        // 50 A to 550 A: about 9 to 52 T/m in the computed curve, the low-energy end to the top gradient.
        "quad" => new(magnet, ["pole half width", "end shim height"], p => p,
            p => (QuadrupoleGeometry.Main with { PoleHalfWidth = p[0] * 1e-3, EndShimHeight = p[1] * 1e-3 }).Build(),
            [QuadrupoleGeometry.Main.PoleHalfWidth * 1e3, 0], [2, 0.5], [50, 250, 400, 550], [6, 10]),
        // 2 kA to 11 kA: 0.6 T (the 5 kG bottom of the range) to the saturated 2.3 T. The face and root
        // widths, not edge shims: b3 at the top comes from the saturating taper (an edge shim only
        // trades low-field b3 for high-field b3, docs/magnets/magnetostatics.md).
        // Bounds: a face of 40 to 120 mm half width, a root no narrower than the face and at most 220 mm.
        "dipole" => new(magnet, ["pole face half width", "pole root half width"],
            p => [Math.Clamp(p[0], 40, 120), Math.Clamp(p[1], Math.Clamp(p[0], 40, 120), 220)],
            p => (new DipoleGeometry { PoleHalfWidth = p[0] * 1e-3, PoleRootHalfWidth = p[1] * 1e-3 }).Build(),
            [new DipoleGeometry().PoleHalfWidth * 1e3, new DipoleGeometry().PoleRootHalfWidth * 1e3], [10, 20], [2000, 6000, 9400, 11000], [3, 5]),
        _ => throw new ArgumentException($"--optimise fits the quad or the dipole, not '{magnet}'"),
    };

    public static void Run(MagnetostaticSolver solver, MeshSettings mesh, Family family, int evaluations)
    {
        var fit = new PoleOptimisation(solver, mesh, IronModel.Steel1010, p => family.Shape(family.Bounds(p)), family.Currents, family.Orders);
        var start = fit.Evaluate(family.Start);
        var best = TrackProgress.Run($"fitting the {family.Magnet} pole ({evaluations} shapes at most, {family.Currents.Length} solves each)", evaluations,
            progress => { int n = 0; return fit.Fit(family.Start, family.Step, evaluations, _ => progress?.Report(++n)); });
        Console.WriteLine($"{family.Magnet}: pole shape fitted to the smallest RMS of {string.Join(", ", family.Orders.Select(o => $"b{o}"))} over {string.Join(", ", family.Currents)} A (AISI 1010 steel)");
        for (int k = 0; k < family.Names.Length; k++)
            Console.WriteLine(string.Create(C, $"  {family.Names[k],-20} {family.Bounds(start.Parameters)[k],8:F3} mm -> {family.Bounds(best.Parameters)[k],8:F3} mm"));
        Console.WriteLine($"  current [A]  {string.Join("  ", family.Orders.Select(o => $"b{o} start   b{o} fit"))}   (units of 1e-4)");
        for (int i = 0; i < family.Currents.Length; i++)
            Console.WriteLine(string.Create(C, $"  {family.Currents[i],11:F0}  {string.Join("  ", family.Orders.Select((_, j) => $"{start.Relative[i][j] * 1e4,8:F3} {best.Relative[i][j] * 1e4,8:F3}"))}"));
        Console.WriteLine(string.Create(C, $"  RMS {start.RmsUnits:F3} -> {best.RmsUnits:F3} units, max {start.MaxUnits:F3} -> {best.MaxUnits:F3} units"));
    }
}
