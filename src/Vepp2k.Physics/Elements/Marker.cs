using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A named point (marker, monitor, instrument, placeholder ...): a drift of its length, which is
/// usually zero. The keyword is kept so tables show what the user wrote.
/// </summary>
public sealed class Marker(string name, double length = 0, string keyword = "marker") : Element(name, length)
{
    public override string Keyword { get; } = keyword;

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T> => Drift.Apply(ref p, Length);
}
