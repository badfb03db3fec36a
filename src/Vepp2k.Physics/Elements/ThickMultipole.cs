using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Sextupole or octupole of finite length: drift-kick integration with the fourth-order
/// Forest-Ruth/Yoshida coefficients, as pyAT's StrMPoleSymplectic4Pass. Strengths are per metre
/// (K2 for a sextupole, K3 for an octupole) in the normal and skew slots.
/// </summary>
public sealed class ThickMultipole : Element
{
    private readonly double tilt;
    private readonly int steps;

    public ThickMultipole(string name, double length, string keyword, double[] normalPerMetre, double[] skewPerMetre,
        double tilt = 0, int steps = 4) : base(name, length)
    {
        Keyword = keyword;
        this.tilt = tilt;
        this.steps = Math.Max(1, steps);
        double h = length / this.steps;
        whole = new MultipoleKick(normalPerMetre, skewPerMetre, 1.0);
        outerKick = new MultipoleKick(normalPerMetre, skewPerMetre, ForestRuth.W1 * h);
        innerKick = new MultipoleKick(normalPerMetre, skewPerMetre, ForestRuth.W0 * h);
    }

    // The kicks of a zero-length element, and of the integrator's outer and inner stages.
    private readonly MultipoleKick whole, outerKick, innerKick;

    public override string Keyword { get; }

    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Apply(ref p);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Apply(ref p);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Apply(ref p);

    /// <summary>The map for any arithmetic (it needs no context): also what the tracking benchmark counts flops through.</summary>
    public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        if (Length == 0)
        {
            whole.Apply(ref p);
            return;
        }
        Tilt.Rotate(ref p, tilt);
        double h = Length / steps;
        // The kicks leave delta alone, so one 1 / (1 + delta) serves every drift; the last drift of a step and
        // the first of the next are one drift.
        T inv = T.Constant(1) / (p.Delta + 1.0);
        double outer = ForestRuth.W1 * h / 2, inner = (ForestRuth.W0 + ForestRuth.W1) * h / 2;
        Drift.Apply(ref p, outer, inv);
        for (int i = 0; i < steps; i++)
        {
            outerKick.Apply(ref p);
            Drift.Apply(ref p, inner, inv);
            innerKick.Apply(ref p);
            Drift.Apply(ref p, inner, inv);
            outerKick.Apply(ref p);
            Drift.Apply(ref p, i == steps - 1 ? outer : 2 * outer, inv);
        }
        Tilt.Rotate(ref p, -tilt);
    }
}
