using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Ring;

/// <summary>One monitor point: published and model values.</summary>
public sealed record MonitorComparison(string Point, double BetaX, double BetaXModel, double BetaZ, double BetaZModel,
    double Dx, double DxModel);

/// <summary>
/// The facility's model optics at the monitors (vepp2000-machine.md section 4, CODE: blabtm/kit
/// _config/ccd/config.yaml): beta_x, beta_z, D_x at the two IPs, the 16 light monitors, the 4 BPMs
/// and the RF straight, in ring order. An operational beta* = 5 cm optics.
/// </summary>
public static class MonitorOptics
{
    public static readonly IReadOnlyList<(string Point, double BetaX, double BetaZ, double Dx)> Points =
    [
        ("SND", 0.0500, 0.0500, 7.4e-6), ("1M1L", 4.3574, 5.4344, 8.89e-4), ("1M1R", 0.2077, 2.7331, 0.3742),
        ("BPM1", 3.2521, 1.7623, 0.7774), ("1M2L", 1.7554, 2.5989, 0.3742), ("1M2R", 0.7851, 3.3737, 9.07e-4),
        ("RF", 1.5623, 1.7808, 3.6e-5), ("2M2L", 0.8358, 3.5640, 9.08e-4), ("2M2R", 1.6935, 2.7786, 0.3742),
        ("BPM2", 3.0759, 1.8739, 0.7774), ("2M1L", 0.2047, 2.7745, 0.3741), ("2M1R", 4.2724, 5.3274, 8.87e-4),
        ("CMD", 0.04993, 0.04991, 7.3e-6), ("3M1L", 4.2720, 5.3272, 8.89e-4), ("3M1R", 0.2047, 2.7746, 0.3741),
        ("BPM3", 3.0762, 1.8737, 0.7775), ("3M2L", 1.6936, 2.7786, 0.3742), ("3M2R", 0.8358, 3.5640, 9.08e-4),
        ("4M2L", 0.7851, 3.3737, 9.07e-4), ("4M2R", 1.7554, 2.5989, 0.3742), ("BPM4", 3.2523, 1.7621, 0.7775),
        ("4M1L", 0.2077, 2.7331, 0.3741), ("4M1R", 4.3571, 5.4343, 8.90e-4),
    ];

    /// <summary>Below this the published Dx is zero by geometry and enters no relative deviation [m].</summary>
    public const double DispersionFloor = 0.01;

    /// <summary>
    /// The model at each point (plane projections beta_11 + beta_21 and beta_12 + beta_22: the beam
    /// size for equal mode emittances, as the facility's analysis reads these numbers) and the rms
    /// relative deviation over beta_x, beta_z at all 23 points and D_x where it exceeds 1 cm.
    /// </summary>
    public static (IReadOnlyList<MonitorComparison> Points, double RmsRelative) Compare(LinearOptics optics)
    {
        var rows = new List<MonitorComparison>();
        var deviations = new List<double>();
        foreach (var (point, bx, bz, dx) in Points)
        {
            int i = optics.Lattice.IndexOf(point);
            if (i < 0) throw new ArgumentException($"the lattice has no monitor point {point}");
            var r = optics.Rows[i + 1];
            var c = new MonitorComparison(point, bx, r.BetaXBothModes, bz, r.BetaYBothModes, dx, r.Dx);
            rows.Add(c);
            deviations.Add((c.BetaXModel - bx) / bx);
            deviations.Add((c.BetaZModel - bz) / bz);
            if (dx > DispersionFloor) deviations.Add((c.DxModel - dx) / dx);
        }
        return (rows, Math.Sqrt(deviations.Average(d => d * d)));
    }
}
