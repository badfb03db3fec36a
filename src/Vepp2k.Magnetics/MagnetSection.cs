namespace Vepp2k.Magnetics;

/// <summary>
/// A 2-D magnet cross-section ready for the solver: pieces of iron and coil in air, the coil turns,
/// and what the post-processing needs (the multipole order and the aperture).
/// </summary>
/// <param name="Name">dipole, quad, quad6.</param>
/// <param name="Order">Main harmonic in the European convention: 1 dipole, 2 quadrupole.</param>
/// <param name="Aperture">Half gap (dipole) or pole-tip radius (quadrupole) [m].</param>
/// <param name="TurnsPerCoilBlock">Turns in each coil block's cross-section: the ampere-turns of a block are this times the supply current.</param>
/// <param name="AirRadius">Radius of the air disk whose rim carries a_z = 0 [m]; unused where <see cref="AirBox"/> is set.</param>
/// <param name="Rotation">Angle the whole section is turned by after it is built [rad]: the quadrupole is built with its poles on the axes and turned by 45 deg into the normal orientation.</param>
public sealed record MagnetSection(
    string Name, int Order, double Aperture, double TurnsPerCoilBlock,
    IReadOnlyList<Piece> Pieces, double AirRadius, double Rotation)
{
    /// <summary>Reference radius of the harmonics: two thirds of the aperture, as is usual for accelerator magnets.</summary>
    public double ReferenceRadius => 2.0 / 3.0 * Aperture;

    /// <summary>
    /// A rectangular air region [m] in place of the disk, with a_z = 0 on its sides: published benchmarks
    /// state their outer boundary, and the leakage flux they report depends on it.
    /// </summary>
    public Box? AirBox { get; init; }
}

/// <summary>An axis-aligned rectangle [m].</summary>
public sealed record Box(double X0, double Y0, double X1, double Y1);
