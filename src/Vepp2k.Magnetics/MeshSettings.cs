namespace Vepp2k.Magnetics;

/// <summary>
/// Triangle size [m]: <paramref name="Aperture"/> at the centre, growing by <paramref name="Growth"/> per metre
/// of distance from it, never above <paramref name="Max"/>. The field quality lives in the aperture,
/// so that is where the elements are small.
/// </summary>
public sealed record MeshSettings(double Aperture, double Growth, double Max)
{
    /// <summary>The default mesh of the CLI and the benchmark.</summary>
    public static MeshSettings Default => new(0.0008, 0.08, 0.02);
    /// <summary>A coarse mesh for tests: a few seconds a solve.</summary>
    public static MeshSettings Coarse => new(0.0015, 0.12, 0.03);

    /// <summary>Every size times <paramref name="factor"/>: a uniform refinement for convergence studies.</summary>
    public MeshSettings Scaled(double factor) => new(Aperture * factor, Growth * factor, Max * factor);
}
