namespace Vepp2k.Magnetics;

/// <summary>
/// H-type cross-section of the VEPP-2000 bending magnet, the whole section (not a quarter) so that the
/// forbidden harmonics measure the mesh's asymmetry instead of vanishing by construction.
/// Published (vepp2000-machine.md §3.1, from the 2011 abstract): gap 40 mm,
/// rho = 1.40 m, 23.82 kG at 1 GeV, up to 24 kG, 10 kA supply. Every other dimension is assumed
/// (no drawing of the magnet is public) and says so below; the total turns follow the catalogue
/// (src/Vepp2k.Machine/Data/dipole.json, assumed there too).
/// </summary>
public sealed record DipoleGeometry
{
    /// <summary>Gap between the pole faces [m]: 40 mm, published.</summary>
    public double Gap { get; init; } = 0.040;
    /// <summary>Half width of the pole face [m]: assumed, 3.5 half-gaps of overhang either side of the axis.</summary>
    public double PoleHalfWidth { get; init; } = 0.070;
    /// <summary>
    /// Half width of the pole root where it meets the yoke [m]: assumed. The taper spreads the flux
    /// (gap flux plus the leakage beside the coil) before it enters the yoke; at 9.4 kA a root of
    /// 0.09 m gave 2.01 T in the gap, 0.13 m (with the thicker yoke below) 2.19 T, coarse mesh.
    /// </summary>
    public double PoleRootHalfWidth { get; init; } = 0.130;
    /// <summary>Pole height from face to yoke [m]: assumed, room for the coil and the taper.</summary>
    public double PoleHeight { get; init; } = 0.080;
    /// <summary>Edge shim (a step raised toward the gap at each edge of the pole face) height [m]: assumed 0 (a flat pole) until the optimisation of issue 18 fits it.</summary>
    public double ShimHeight { get; init; } = 0.0;
    /// <summary>Width of each edge shim [m]: assumed.</summary>
    public double ShimWidth { get; init; } = 0.008;
    /// <summary>Coil block width and height [m]: assumed (~16 A/mm^2 at 1 GeV, water-cooled).</summary>
    public double CoilWidth { get; init; } = 0.060;
    public double CoilHeight { get; init; } = 0.050;
    /// <summary>Clearances coil-pole and coil-pole face plane [m]: assumed.</summary>
    public double CoilClearance { get; init; } = 0.005;
    /// <summary>Return-leg width and yoke-bar thickness [m]: assumed, each carries half the gap flux (about 0.45 Wb/m at 2.4 T) at about 1.5 T.</summary>
    public double LegWidth { get; init; } = 0.160;
    public double YokeThickness { get; init; } = 0.160;
    /// <summary>Total turns around the gap (both pole coils): 10, as the catalogue (assumed there).</summary>
    public double Turns { get; init; } = 10;

    public MagnetSection Build()
    {
        double h = Gap / 2, top = h + PoleHeight;
        double coilX0 = PoleRootHalfWidth + CoilClearance, coilX1 = coilX0 + CoilWidth;
        double coilY0 = h + CoilClearance, coilY1 = coilY0 + CoilHeight;
        if (coilY1 > top) throw new ArgumentException($"dipole coil ({coilY1:F3} m) is taller than the pole ({top:F3} m)");
        double legX0 = coilX1 + CoilClearance, outer = legX0 + LegWidth;
        var pieces = new List<Piece>();
        foreach (int s in (ReadOnlySpan<int>)[1, -1])
        {
            pieces.Add(Pole(h, top).Map(p => p with { Y = s * p.Y }));
            // Each pole carries half the turns; the conductors on the left run along +z, those on the
            // right along -z, which makes B_y > 0 in the gap (Ampere around the right return leg).
            pieces.Add(Piece.Rectangle(Material.CoilPlus, -coilX1, Math.Min(s * coilY0, s * coilY1), -coilX0, Math.Max(s * coilY0, s * coilY1)));
            pieces.Add(Piece.Rectangle(Material.CoilMinus, coilX0, Math.Min(s * coilY0, s * coilY1), coilX1, Math.Max(s * coilY0, s * coilY1)));
            pieces.Add(Piece.Rectangle(Material.Iron, -outer, Math.Min(s * top, s * (top + YokeThickness)), outer, Math.Max(s * top, s * (top + YokeThickness))));
            pieces.Add(Piece.Rectangle(Material.Iron, s > 0 ? legX0 : -outer, -top, s > 0 ? outer : -legX0, top));
        }
        return new MagnetSection("dipole", 1, h, Turns / 2, pieces, 2.5 * (outer + YokeThickness), 0);
    }

    /// <summary>Upper pole: face at y = h with optional edge shims, tapering to the root at y = top.</summary>
    private Piece Pole(double h, double top)
    {
        double w = PoleHalfWidth, sh = ShimHeight;
        Point2[] face = sh > 0
            ? [new(-w, h - sh), new(-w + ShimWidth, h - sh), new(-w + ShimWidth, h), new(w - ShimWidth, h), new(w - ShimWidth, h - sh), new(w, h - sh)]
            : [new(-w, h), new(w, h)];
        return new Piece(Material.Iron, [.. face, new(PoleRootHalfWidth, top), new(-PoleRootHalfWidth, top)]);
    }
}
