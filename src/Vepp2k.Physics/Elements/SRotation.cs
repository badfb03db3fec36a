using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>Rotation of the coordinate frame about the beam axis (MAD-X SROTATION).</summary>
public sealed class SRotation(string name, double angle) : Element(name, 0)
{
    public double Angle { get; } = angle;
    public override string Keyword => "srotation";

    public override void Track<T>(ref Phase<T> p, in TrackContext context) => Tilt.Rotate(ref p, Angle);
}
