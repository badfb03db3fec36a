using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Thick quadrupole: the exact solution of the paraxial Hamiltonian
/// H = (px^2 + py^2)/(2(1+delta)) + K1 (x^2 - y^2)/2, so the focusing scales as K1/(1+delta)
/// (chromaticity) and the path length is integrated in closed form. K1S is taken as MAD-X does:
/// a rotation of the quadrupole by -atan2(K1S, K1)/2 with strength hypot(K1, K1S).
/// </summary>
public sealed class Quadrupole : Element
{
    public Quadrupole(string name, double length, double k1, double k1s = 0, double tilt = 0) : base(name, length)
    {
        if (length <= 0) throw new OpticsException($"quadrupole {name}: length must be positive (got {length})");
        K1 = k1; K1s = k1s; TiltAngle = tilt;
        strength = k1s == 0 ? k1 : Math.Sqrt(k1 * k1 + k1s * k1s);
        frame = k1s == 0 ? tilt : tilt - Math.Atan2(k1s, k1) / 2;
    }

    private readonly double strength, frame;

    public double K1 { get; }
    public double K1s { get; }
    public double TiltAngle { get; }
    public override string Keyword => "quadrupole";

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    // The focusing functions switch to a power series at weak focusing; lanes whose momenta put them
    // on different sides of that switch go one by one. Their trigonometry costs far more than applying
    // them: the map is kept for a block's deltas (PerDeltaCache).
    private readonly PerDeltaCache<QuadrupoleMapVector> vectorMaps = new();

    public override void Track(ref Phase<Vec4> p, in TrackContext context)
    {
        ref readonly var map = ref vectorMaps.Get(p.Delta, this, static (q, delta) => QuadrupoleMapVector.Build(delta, q.strength, q.Length));
        if (!map.Uniform)
        {
            TrackPerLane(ref p, context);
            return;
        }
        Tilt.Rotate(ref p, frame);
        map.Apply(ref p);
        Tilt.Rotate(ref p, -frame);
    }

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        Tilt.Rotate(ref p, frame);
        T onePlus = p.Delta + 1.0;
        T inv = T.Constant(1) / onePlus;
        T k = inv * strength;
        T pathX = Plane(ref p.X, ref p.Px, k, inv, onePlus);
        T pathY = Plane(ref p.Y, ref p.Py, -k, inv, onePlus);
        p.Ct = p.Ct + (pathX + pathY) * 0.5;
        Tilt.Rotate(ref p, -frame);
    }

    // One plane of u'' = -k u over the length; returns the integral of u'^2 for the path length.
    private T Plane<T>(ref T u, ref T pu, T k, T inv, T onePlus) where T : struct, IScalar<T>
    {
        var (c, s) = Series.CosSin(k, Length);
        T up = pu * inv;
        T u1 = c * u + s * up;
        T up1 = c * up - k * s * u;
        T iCC = (s * c + Length) * 0.5, iSC = s * s * 0.5, iSS = Series.IntegralS2(k, Length, c, s);
        T path = k * k * u * u * iSS - k * u * up * iSC * 2.0 + up * up * iCC;
        u = u1;
        pu = up1 * onePlus;
        return path;
    }
}
