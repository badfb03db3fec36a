namespace Vepp2k.Magnetics;

/// <summary>
/// The end of the dipole's gap seen from the side: a 2-D section in (s, y), s along the beam (the
/// section's x), with the square-ended poles stopping at s = 0. In the magnet the flux returns through
/// side legs out of this plane; here the two poles are the arms of a C joined by a back leg at
/// s = -PoleLength, driven by a coil in the window (two blocks, N I in all) far enough back for the gap
/// field to be uniform several gaps before the end. In front of each pole end sits a block of the coil's
/// end turns carrying the return current (-N I / 2 each): with it the iron outside the coil is at the
/// potential of the midplane, as in the magnet, and the field past the end falls off as that of a
/// line dipole instead of carrying the whole N I round the outside (without it, 5 % of B0 is left five
/// gaps past the end). Linear iron only: in this plane all the gap flux would run along the arms, which
/// the side legs spare the real poles. Assumed dimensions (the cross-section's coil and clearances),
/// the published 40 mm gap. <see cref="FringeField"/> integrates B(s) along the midplane of its solution.
/// </summary>
public sealed record PoleEndSection
{
    /// <summary>Gap [m]: 40 mm, published.</summary>
    public double Gap { get; init; } = 0.040;
    /// <summary>Length of the arms from the back leg to the pole end [m]: 12 gaps, so that the window coil is far from the end.</summary>
    public double PoleLength { get; init; } = 0.48;
    /// <summary>Thickness of each arm (pole plus yoke) in y [m]: assumed, as the cross-section's pole and yoke.</summary>
    public double PoleThickness { get; init; } = 0.16;
    /// <summary>Back-leg thickness in s [m]: assumed.</summary>
    public double BackThickness { get; init; } = 0.16;
    /// <summary>End-turn block in front of each pole end: length in s, height in y, and its clearance to the pole end and to the gap [m]: as the cross-section's coil.</summary>
    public double CoilLength { get; init; } = 0.060;
    public double CoilHeight { get; init; } = 0.050;
    public double CoilClearance { get; init; } = 0.005;
    /// <summary>Total turns linking the gap: 10, as the cross-section.</summary>
    public double Turns { get; init; } = 10;

    public MagnetSection Build()
    {
        double h = Gap / 2, top = h + PoleThickness, back = -PoleLength, c = CoilClearance;
        double area = CoilLength * CoilHeight;
        // The window blocks: one above and one below the midplane, as tall as the window allows, as long
        // as their area must be for GetDP's one current density per region (ProWriter).
        // (1 mm from the midplane and the poles).
        const double inner = 0.001;
        double windowHeight = h - 2 * inner, windowLength = area / windowHeight;
        var pieces = new List<Piece>
        {
            Piece.Rectangle(Material.Iron, back, h, 0, top),
            Piece.Rectangle(Material.Iron, back, -top, 0, -h),
            Piece.Rectangle(Material.Iron, back - BackThickness, -top, back, top),
            // +z in the window and -z in the end turns: B_y > 0 in the gap (Ampere round the C), no net current.
            Piece.Rectangle(Material.CoilPlus, back + c, inner, back + c + windowLength, h - inner),
            Piece.Rectangle(Material.CoilPlus, back + c, -h + inner, back + c + windowLength, -inner),
            Piece.Rectangle(Material.CoilMinus, c, h + c, c + CoilLength, h + c + CoilHeight),
            Piece.Rectangle(Material.CoilMinus, c, -h - c - CoilHeight, c + CoilLength, -h - c),
        };
        if (back + c + windowLength > -5 * Gap) throw new ArgumentException("the window coil reaches within five gaps of the pole end");
        return new MagnetSection("dipole-end", 1, h, Turns / 2, pieces, 2.5 * (PoleLength + BackThickness), 0);
    }
}
