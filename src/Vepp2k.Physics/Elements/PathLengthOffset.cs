using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Adds a fixed amount to ct once per pass: how a turn-by-turn map carries an RF frequency that is not
/// an exact harmonic of the reference revolution. The RF phase the reference particle meets slips by
/// this much path every turn, so a closed orbit must make its own path differ from the reference by
/// -<see cref="Offset"/> per turn (what AT's 6-D orbit search does with its dct).
/// </summary>
public sealed class PathLengthOffset(string name, double offset) : Element(name, 0)
{
    /// <summary>Path added to ct per pass [m].</summary>
    public double Offset { get; } = offset;
    public override string Keyword => "marker";

    // The counter-rotating beam meets the same RF: the slip is the same.
    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => p.Ct = p.Ct + Offset;

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => p.Ct = p.Ct + Offset;

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => p.Ct = p.Ct + Offset;
}
