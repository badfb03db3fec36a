namespace Vepp2k.Magnetics;

/// <summary>What a piece of the cross-section is made of; the values are the physical-group tags the solver sees.</summary>
public enum Material
{
    Air = 1,
    Iron = 2,
    /// <summary>Coil conductor carrying current along +z.</summary>
    CoilPlus = 3,
    /// <summary>Coil conductor carrying current along -z.</summary>
    CoilMinus = 4,
}

/// <summary>
/// One closed polygon of the cross-section [m], counter-clockwise or not. Pieces of a section never
/// overlap (they may touch), and each piece's bounding box holds no other piece: that is how the
/// geometry writer finds the piece again after Gmsh has fragmented the air around it.
/// </summary>
public sealed record Piece(Material Material, IReadOnlyList<Point2> Corners)
{
    public static Piece Rectangle(Material m, double x0, double y0, double x1, double y1) =>
        new(m, [new(x0, y0), new(x1, y0), new(x1, y1), new(x0, y1)]);

    public double Area
    {
        get
        {
            double s = 0;
            for (int k = 0; k < Corners.Count; k++)
            {
                var (p, q) = (Corners[k], Corners[(k + 1) % Corners.Count]);
                s += p.X * q.Y - q.X * p.Y;
            }
            return Math.Abs(s) / 2;
        }
    }

    public Piece Map(Func<Point2, Point2> f) => this with { Corners = Corners.Select(f).ToArray() };
}

public readonly record struct Point2(double X, double Y)
{
    public Point2 Rotated(double angle) =>
        new(X * Math.Cos(angle) - Y * Math.Sin(angle), X * Math.Sin(angle) + Y * Math.Cos(angle));
}
