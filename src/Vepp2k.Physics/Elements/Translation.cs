using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Shift of the transverse frame (MAD-X TRANSLATION with DX, DY): x' = x - dx, y' = y - dy. A pair of
/// them, (dx, dy) before an element and (-dx, -dy) after, places the element off the reference axis
/// by (dx, dy), as MAD-X EALIGN does; the element itself keeps its own map and slicing.
/// </summary>
public sealed class Translation(string name, double dx, double dy) : Element(name, 0)
{
    public double Dx { get; } = dx;
    public double Dy { get; } = dy;
    public override string Keyword => "translation";

    // Run backwards, the pair around an element swaps ends: the counter-rotating beam enters where
    // this beam leaves, so each shift is undone by its partner with the opposite sign.
    public override Element Reversed() => new Translation(Name, -Dx, -Dy);

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p);

    private void Map<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        p.X = p.X - Dx;
        p.Y = p.Y - Dy;
    }
}
