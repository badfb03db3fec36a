using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Sextupole or octupole of finite length: drift-kick integration with the fourth-order
/// Forest-Ruth/Yoshida coefficients, as pyAT's StrMPoleSymplectic4Pass. Strengths are per metre
/// (K2 for a sextupole, K3 for an octupole) in the normal and skew slots.
/// </summary>
public sealed class ThickMultipole : Element
{
    private readonly double[] normal, skew;
    private readonly double tilt;
    private readonly int steps;

    public ThickMultipole(string name, double length, string keyword, double[] normalPerMetre, double[] skewPerMetre,
        double tilt = 0, int steps = 4) : base(name, length)
    {
        Keyword = keyword;
        normal = normalPerMetre; skew = skewPerMetre; this.tilt = tilt;
        this.steps = Math.Max(1, steps);
    }

    public override string Keyword { get; }

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        if (Length == 0)
        {
            MultipoleKick.Apply(ref p, normal, skew, 1.0);
            return;
        }
        Tilt.Rotate(ref p, tilt);
        double h = Length / steps;
        for (int i = 0; i < steps; i++)
        {
            Drift.Apply(ref p, ForestRuth.W1 * h / 2);
            MultipoleKick.Apply(ref p, normal, skew, ForestRuth.W1 * h);
            Drift.Apply(ref p, (ForestRuth.W0 + ForestRuth.W1) * h / 2);
            MultipoleKick.Apply(ref p, normal, skew, ForestRuth.W0 * h);
            Drift.Apply(ref p, (ForestRuth.W0 + ForestRuth.W1) * h / 2);
            MultipoleKick.Apply(ref p, normal, skew, ForestRuth.W1 * h);
            Drift.Apply(ref p, ForestRuth.W1 * h / 2);
        }
        Tilt.Rotate(ref p, -tilt);
    }
}
