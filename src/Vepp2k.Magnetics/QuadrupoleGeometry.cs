namespace Vepp2k.Magnetics;

/// <summary>
/// Four-pole cross-section of the VEPP-2000 quadrupoles (main 14/19 cm and short 6 cm, the same iron).
/// Built with the poles on the axes, then turned by 45 deg into the normal orientation
/// (B_y = G x on the midplane). The whole section is kept, not an eighth, so that the forbidden
/// harmonics test the mesh instead of vanishing by construction.
/// Published (vepp2000-machine.md §3.2, the 2011 abstract): up to 5.2 kG/cm = 52 T/m, 300 A supplies,
/// about 11 T/m for the 6 cm quadrupole, "inscribed radius 40 mm". The abstract's 40 mm with 52 T/m
/// would need a 2.1 T pole tip, beyond any steel, so the bore radius is taken as 20 mm as in the
/// catalogue (quadrupole.json; assumed). Turns per pole as the catalogue (assumed there);
/// the other dimensions are assumed here.
/// </summary>
public sealed record QuadrupoleGeometry
{
    /// <summary>Pole-tip (inscribed) radius [m]: 20 mm, assumed (the published "40 mm" read as the diameter).</summary>
    public double BoreRadius { get; init; } = 0.020;
    /// <summary>
    /// Half width of the pole [m]: assumed; the hyperbola x^2 - y^2 = r^2 runs to |y| = this. It sets
    /// the b6 of the truncated hyperbola: -7.8, -0.9 and 0.0 units at 16, 20 and 24 mm (300 A, coarse mesh).
    /// </summary>
    public double PoleHalfWidth { get; init; } = 0.020;
    /// <summary>
    /// Pole-end shim [m]: over the last <see cref="EndShimLength"/> of the face on each side the pole is
    /// raised toward the axis, rising linearly to <see cref="EndShimHeight"/> at the edge (negative: cut
    /// back, a chamfer). With the pole width it sets what the truncated hyperbola adds to b6 and b10;
    /// 0 is the plain truncated hyperbola. The values that minimise b6 and b10 over the current range
    /// are <see cref="Optimised"/>.
    /// </summary>
    public double EndShimHeight { get; init; }
    public double EndShimLength { get; init; } = 0.004;
    /// <summary>Coil block: width across the pole side, length along the pole [m]: assumed.</summary>
    public double CoilWidth { get; init; } = 0.010;
    public double CoilLength { get; init; } = 0.035;
    /// <summary>Clearance around the coil [m]: assumed.</summary>
    public double CoilClearance { get; init; } = 0.002;
    /// <summary>Yoke square frame thickness [m]: assumed.</summary>
    public double YokeThickness { get; init; } = 0.040;
    /// <summary>Turns per pole: 30 for the main quadrupole, 6 for the 6 cm one (catalogue, assumed there).</summary>
    public double Turns { get; init; } = 30;
    /// <summary>Points on the hyperbolic pole face.</summary>
    public int FacePoints { get; init; } = 24;
    public string Name { get; init; } = "quad";

    /// <summary>The 14 and 19 cm quadrupoles.</summary>
    public static QuadrupoleGeometry Main => new();
    /// <summary>
    /// The main quadrupole with the pole shape fitted to the smallest RMS of b6 and b10 at 50, 250, 400
    /// and 550 A (about 9 to 52 T/m, saturation included): `vepp2k magnetics quad --coarse --optimise 30`
    /// (Nelder-Mead from the plain 20 mm pole, 30 shapes) gave a 25.18 mm half width and the last 4 mm of
    /// the face cut back by 4.19 mm at the edge, about a 45 deg chamfer; RMS 0.90 -> 0.23 units,
    /// largest 2.04 -> 0.49 units (docs/magnets/magnetostatics.md).
    /// </summary>
    public static QuadrupoleGeometry Optimised => new() { PoleHalfWidth = 0.025176, EndShimHeight = -0.004192 };
    /// <summary>The 6 cm quadrupole: same iron (assumed), 6 turns per pole (catalogue).</summary>
    public static QuadrupoleGeometry Short => new() { Turns = 6, Name = "quad6" };

    public MagnetSection Build()
    {
        double r = BoreRadius, wp = PoleHalfWidth;
        double side0 = wp + CoilClearance, side1 = side0 + CoilWidth;   // coil block across the pole side
        double x0 = side1 + CoilClearance, x1 = x0 + CoilLength;         // coil block along the pole
        double tipEdge = Math.Sqrt(r * r + wp * wp);
        if (x0 < tipEdge) throw new ArgumentException("quadrupole coil would overlap the pole face");
        double inner = x1 + CoilClearance, outer = inner + YokeThickness;
        var pole = new List<Point2>();
        for (int k = 0; k <= FacePoints; k++)
        {
            double y = -wp + 2 * wp * k / FacePoints;
            double raise = EndShimHeight * Math.Max(0, (Math.Abs(y) - (wp - EndShimLength)) / EndShimLength);
            pole.Add(new(Math.Sqrt(r * r + y * y) - raise, y));
        }
        pole.Add(new(inner, wp));
        pole.Add(new(inner, -wp));
        var pieces = new List<Piece>();
        for (int q = 0; q < 4; q++)
        {
            double angle = q * Math.PI / 2;
            pieces.Add(new Piece(Material.Iron, pole).Map(p => p.Rotated(angle)));
            // In the quadrant between pole q and pole q+1 both coil sides carry the same current,
            // alternating in sign from quadrant to quadrant; quadrant 0 (+,+) is +z, which gives G > 0
            // after the 45 deg turn.
            var m = q % 2 == 0 ? Material.CoilPlus : Material.CoilMinus;
            pieces.Add(Piece.Rectangle(m, x0, side0, x1, side1).Map(p => p.Rotated(angle)));
            pieces.Add(Piece.Rectangle(m, side0, x0, side1, x1).Map(p => p.Rotated(angle)));
            pieces.Add(Piece.Rectangle(Material.Iron, inner, -inner, outer, inner).Map(p => p.Rotated(angle)));
            pieces.Add(Piece.Rectangle(Material.Iron, inner, inner, outer, outer).Map(p => p.Rotated(angle)));
        }
        return new MagnetSection(Name, 2, r, Turns, pieces, 3 * outer, Math.PI / 4);
    }
}
