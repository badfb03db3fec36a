namespace Vepp2k.Magnetics;

/// <summary>
/// What one solve gives back: a_z on the reference circle (at angles 2 pi k / N), b at the centre,
/// and optionally |b| on a grid; with how the solve went. SI units.
/// </summary>
public sealed record FieldSolution(
    string Magnet, double Current, double ReferenceRadius, double[] Potential,
    double CentreBx, double CentreBy, int NewtonIterations, int Elements,
    double MeshSeconds, double SolveSeconds, FieldMap? Map)
{
    /// <summary>True when this came from the cache, not from the solver.</summary>
    public bool FromCache { get; init; }

    public Harmonics Harmonics(int order) => Magnetics.Harmonics.FromPotential(Potential, ReferenceRadius, order);
}

/// <summary>
/// |B| [T] and a_z [T m] at Points x Points grid nodes over [-HalfWidth, HalfWidth]^2 [m], row-major in
/// y then x. The contours of a_z are the flux lines.
/// </summary>
public sealed record FieldMap(double HalfWidth, int Points, double[] Norm, double[] Potential);
