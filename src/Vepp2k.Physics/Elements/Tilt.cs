using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>Rotation of the transverse frame about s (MAD-X TILT and SROTATION convention).</summary>
public static class Tilt
{
    /// <summary>Rotates (x, px, y, py) into a frame turned by <paramref name="angle"/>: x' = x cos + y sin.</summary>
    public static void Rotate<T>(ref Phase<T> p, double angle) where T : struct, IScalar<T>
    {
        if (angle == 0) return;
        double c = Math.Cos(angle), s = Math.Sin(angle);
        T x = p.X * c + p.Y * s, y = p.Y * c - p.X * s;
        T px = p.Px * c + p.Py * s, py = p.Py * c - p.Px * s;
        p.X = x; p.Y = y; p.Px = px; p.Py = py;
    }
}
