using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>Rotation of the coordinate frame about the beam axis (MAD-X SROTATION).</summary>
public sealed class SRotation(string name, double angle) : Element(name, 0)
{
    public double Angle { get; } = angle;
    public override string Keyword => "srotation";

    public override Element Reversed() => new SRotation(Name, -Angle);

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T> => Tilt.Rotate(ref p, Angle);
}
