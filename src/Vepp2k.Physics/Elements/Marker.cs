using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A named point (marker, monitor, instrument, placeholder ...): a drift of its length, which is
/// usually zero. The keyword is kept so tables show what the user wrote.
/// </summary>
public sealed class Marker(string name, double length = 0, string keyword = "marker") : Element(name, length)
{
    public override string Keyword { get; } = keyword;

    public override void Track<T>(ref Phase<T> p, in TrackContext context) => Drift.Apply(ref p, Length);
}
