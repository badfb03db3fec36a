using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Sector bend (MAD-X SBEND; RBEND is converted to it by the reader). The body is the exact map
/// of a uniform dipole field in the curved frame (no paraxial expansion, so the h x curvature term
/// that governs a 1.4 m-radius ring's chromaticity is exact). A gradient K1 or K2 is added by
/// fourth-order splitting with the exact dipole flow as the "drift", its kick weighted by the
/// curvature as in MAD-X (<see cref="BendBody"/>). Faces: <see cref="BendFace"/>, the second-order
/// fringe terms and the MAD-X/pyAT linear edge focusing with the FINT/HGAP correction. Positive
/// ANGLE bends towards -x.
/// </summary>
public sealed class SectorBend : Element
{
    public SectorBend(string name, double length, double angle, double k1 = 0, double k2 = 0,
        double e1 = 0, double e2 = 0, double fint = 0, double fintx = double.NaN, double hgap = 0,
        double tilt = 0) : base(name, length)
    {
        if (length <= 0) throw new OpticsException($"bend {name}: length must be positive (got {length})");
        Angle = angle; K1 = k1; K2 = k2; E1 = e1; E2 = e2; Fint = fint;
        Fintx = double.IsNaN(fintx) ? fint : fintx; Hgap = hgap; TiltAngle = tilt;
        entrance = new BendFaceMap(Curvature, k1, e1, Fint, hgap, +1);
        body = new BendBodyMap(length, Curvature, k1, k2);
        exit = new BendFaceMap(Curvature, k1, e2, Fintx, hgap, -1);
    }

    private readonly BendFaceMap entrance, exit;
    private readonly BendBodyMap body;

    public double Angle { get; }
    public double K1 { get; }
    public double K2 { get; }
    public double E1 { get; }
    public double E2 { get; }
    public double Fint { get; }
    public double Fintx { get; }
    public double Hgap { get; }
    public double TiltAngle { get; }
    public double Curvature => Angle / Length;
    public override string Keyword => "sbend";

    public override Element Reversed() =>
        new SectorBend(Name, Length, Angle, K1, K2, E2, E1, Fintx, Fint, Hgap, TiltAngle);

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T> => Apply(ref p);

    /// <summary>The map for any arithmetic (it needs no context): also what the tracking benchmark counts flops through.</summary>
    public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, TiltAngle);
        entrance.Apply(ref p);
        body.Apply(ref p);
        exit.Apply(ref p);
        Tilt.Rotate(ref p, -TiltAngle);
    }

    public override IEnumerable<Element> IntegrationSteps(double sliceLength)
    {
        int slices = Math.Max(1, (int)Math.Ceiling(Length / sliceLength - 1e-9));
        double piece = Length / slices;
        yield return new BendFace(Name, Curvature, K1, E1, Fint, Hgap, TiltAngle, +1);
        for (int i = 0; i < slices; i++)
        {
            yield return new BendBody(Name, piece / 2, Curvature, K1, K2, TiltAngle);
            yield return new RadiationPoint(Name, piece, Curvature, K1, TiltAngle);
            yield return new BendBody(Name, piece / 2, Curvature, K1, K2, TiltAngle);
        }
        yield return new BendFace(Name, Curvature, K1, E2, Fintx, Hgap, TiltAngle, -1);
    }
}
