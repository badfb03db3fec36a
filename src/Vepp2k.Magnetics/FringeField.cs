namespace Vepp2k.Magnetics;

/// <summary>
/// What the end of a dipole does to the beam, from B_y(s) on the midplane of a <see cref="PoleEndSection"/>
/// solution (s from deep in the gap, where B = B0, out past the end):
/// <list type="bullet">
/// <item>Extension: how far beyond the iron edge the effective (hard) edge sits, int B ds / B0 minus the
/// iron's share; per end, so L_eff = L_iron + 2 Extension.</item>
/// <item>Fint: the fringe-field integral of MAD-X's SBEND (FINT, from SLAC-75's K1),
/// int B (B0 - B) / (g B0^2) ds with g the full gap (2 HGAP); it sets the vertical edge focusing
/// correction. MAD-X lists 1/6 for a linear drop-off and 0.45 for a square-edged non-saturating magnet.</item>
/// </list>
/// </summary>
public sealed record FringeField(double CentralField, double Extension, double Fint, double Gap)
{
    /// <summary>
    /// From the |B| map of a pole-end solution (the midplane is its middle row, where B_x = 0 by symmetry,
    /// so |B| = B_y), integrated by the trapezoid rule from s = -HalfWidth (taken as deep inside) to +HalfWidth.
    /// </summary>
    public static FringeField FromMap(FieldMap map, double gap)
    {
        if (map.Points % 2 == 0) throw new ArgumentException("the map needs an odd number of points to have a row on the midplane");
        int row = map.Points / 2;
        var b = Enumerable.Range(0, map.Points).Select(i => map.Norm[row * map.Points + i]).ToArray();
        return FromProfile(b, -map.HalfWidth, 2 * map.HalfWidth / (map.Points - 1), gap);
    }

    /// <summary>From B(s) sampled at s = start + k step, the first sample deep inside the gap and the iron edge at s = 0.</summary>
    public static FringeField FromProfile(IReadOnlyList<double> b, double start, double step, double gap)
    {
        double b0 = b[0];
        double field = 0, fint = 0;
        for (int k = 1; k < b.Count; k++)
        {
            field += step * (b[k - 1] + b[k]) / 2;
            fint += step * (b[k - 1] * (b0 - b[k - 1]) + b[k] * (b0 - b[k])) / 2;
        }
        return new FringeField(b0, field / b0 + start, fint / (gap * b0 * b0), gap);
    }
}
