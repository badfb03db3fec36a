using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>MAD-X MULTIPOLE: integrated strengths KNL/KSL, applied as one kick (a KNL[0] is a plain kick).</summary>
public sealed class ThinMultipole(string name, double[] knl, double[] ksl, double tilt = 0) : Element(name, 0)
{
    public IReadOnlyList<double> Knl { get; } = knl;
    public IReadOnlyList<double> Ksl { get; } = ksl;
    private readonly MultipoleKick kick = new(knl, ksl, 1.0);
    public override string Keyword => "multipole";

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, tilt);
        kick.Apply(ref p);
        Tilt.Rotate(ref p, -tilt);
    }
}
