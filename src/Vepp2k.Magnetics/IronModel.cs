namespace Vepp2k.Magnetics;

/// <summary>The iron's law: either linear with a constant relative permeability, or a B-H table.</summary>
public abstract record IronModel
{
    /// <summary>Linear iron; with mu_r large the magnet reaches the ideal-iron limits B = mu0 N I / g, G = 2 mu0 N I / r^2.</summary>
    public sealed record Linear(double RelativePermeability) : IronModel;

    /// <summary>Nonlinear iron from a B-H table, solved by Newton iterations.</summary>
    public sealed record Nonlinear(BhCurve Curve) : IronModel;

    public static IronModel Steel1010 => new Nonlinear(BhCurve.Steel1010);
}

/// <summary>
/// A B-H table: H [A/m] against B [T], both strictly increasing from (0, 0).
/// </summary>
public sealed record BhCurve(string Name, string Source, IReadOnlyList<double> H, IReadOnlyList<double> B)
{
    /// <summary>
    /// AISI 1010 low-carbon steel, the "1010 Steel" curve of the FEMM 4.2 materials library
    /// (D. Meeker, https://www.femm.info; the same figures in a public MATLAB transcription,
    /// class Steel1010, repository not determined). The table is extended past 2.2 T with slope
    /// mu0 (fully saturated iron: B = 2.0 T + mu0 H), which its last two points already follow.
    /// No B-H curve of the VEPP-2000 magnet steel is public; this one stands in for it.
    /// </summary>
    public static BhCurve Steel1010 { get; } = new("AISI 1010 steel",
        "FEMM 4.2 materials library, '1010 Steel' (femm.info)",
        [0, 238.7, 318.3, 358.1, 437.7, 477.5, 636.6, 795.8, 1114.1, 1273.2, 1591.5, 2228.2, 3183.1, 4774.6,
         6366.2, 7957.7, 15915.5, 47746.5, 63662, 79577.5, 159155, 318310, 1909860],
        [0, 0.2003, 0.3204, 0.40045, 0.50055, 0.5606, 0.7908, 0.9310, 1.1014, 1.2016, 1.302, 1.4028, 1.524, 1.626,
         1.698, 1.73, 1.87, 2.04, 2.07, 2.095, 2.2, 2.4, 4.4]);
}
