using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>Orbit corrector (MAD-X HKICKER, VKICKER, KICKER, TKICKER): kicks in the middle of its length.</summary>
public sealed class Kicker(string name, double length, double hkick, double vkick, string keyword = "kicker")
    : Element(name, length)
{
    public double HKick { get; } = hkick;
    public double VKick { get; } = vkick;
    public override string Keyword { get; } = keyword;

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        Drift.Apply(ref p, Length / 2);
        p.Px = p.Px + HKick;
        p.Py = p.Py + VKick;
        Drift.Apply(ref p, Length / 2);
    }
}
