using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A thick quadrupole's map for four particles of given momenta, its focusing functions evaluated once:
/// per plane u1 = C u + S u', u1' = C u' - k S u and the path-length quadratic form in (u, u'). The same
/// arithmetic as <see cref="Quadrupole"/>'s generic map up to the order of a few roundings.
/// </summary>
internal readonly struct QuadrupoleMapVector
{
    private readonly Plane x, y;

    private QuadrupoleMapVector(Plane x, Plane y) { this.x = x; this.y = y; Uniform = true; }

    /// <summary>
    /// False when the four lanes' focusing functions would take different branches (closed form against the
    /// power series at weak focusing): then there is no vector map and the lanes go one by one.
    /// </summary>
    public bool Uniform { get; }

    public static QuadrupoleMapVector Build(Vec4 delta, double strength, double length)
    {
        Vec4 k = Vec4.Constant(1) / (delta + 1.0) * strength;
        return Series.SameBranch(k, length) ? new(Plane.Build(k, length), Plane.Build(-k, length)) : default;
    }

    public void Apply(ref Phase<Vec4> p)
    {
        Vec4 onePlus = p.Delta + 1.0;
        Vec4 inv = Vec4.Constant(1) / onePlus;
        Vec4 path = x.Apply(ref p.X, ref p.Px, inv, onePlus) + y.Apply(ref p.Y, ref p.Py, inv, onePlus);
        p.Ct = p.Ct + path * 0.5;
    }

    private readonly struct Plane(Vec4 c, Vec4 s, Vec4 ks, Vec4 uu, Vec4 up, Vec4 pp)
    {
        public static Plane Build(Vec4 k, double length)
        {
            var (c, s) = Series.CosSin(k, length);
            Vec4 iCC = (s * c + length) * 0.5, iSC = s * s * 0.5, iSS = Series.IntegralS2(k, length, c, s);
            return new(c, s, k * s, k * k * iSS, k * iSC * 2.0, iCC);
        }

        // Returns the integral of u'^2 over the length, for the path length.
        public Vec4 Apply(ref Vec4 u, ref Vec4 pu, Vec4 inv, Vec4 onePlus)
        {
            Vec4 u0 = u, up0 = pu * inv;
            u = c * u0 + s * up0;
            pu = (c * up0 - ks * u0) * onePlus;
            return uu * u0 * u0 - up * u0 * up0 + pp * up0 * up0;
        }
    }
}
