using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>Field-free space, paraxial (expanded square root) as in MAD-X thick maps and pyAT.</summary>
public sealed class Drift(string name, double length) : Element(name, length)
{
    public override string Keyword => "drift";

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T> => Apply(ref p, Length);

    public static void Apply<T>(ref Phase<T> p, double length) where T : struct, IScalar<T>
    {
        if (length == 0) return;
        Apply(ref p, length, T.Constant(1) / (p.Delta + 1.0));
    }

    /// <summary>The drift with 1 / (1 + delta) already at hand (<paramref name="inv"/>).</summary>
    public static void Apply<T>(ref Phase<T> p, double length, T inv) where T : struct, IScalar<T>
    {
        T xp = p.Px * inv, yp = p.Py * inv;
        p.X = p.X + xp * length;
        p.Y = p.Y + yp * length;
        p.Ct = p.Ct + (xp * xp + yp * yp) * (0.5 * length);
    }
}
