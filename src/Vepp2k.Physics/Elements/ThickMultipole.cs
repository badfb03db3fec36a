using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Sextupole or octupole of finite length: drift-kick integration with the fourth-order
/// Forest-Ruth/Yoshida coefficients, as pyAT's StrMPoleSymplectic4Pass. Strengths are per metre
/// (K2 for a sextupole, K3 for an octupole) in the normal and skew slots. The number of steps is the
/// file's (MAD-X's per-element NST) or <see cref="StepsFor"/>'s.
/// </summary>
public sealed class ThickMultipole : Element
{
    private readonly double tilt;
    private readonly int steps;

    public ThickMultipole(string name, double length, string keyword, double[] normalPerMetre, double[] skewPerMetre,
        double tilt = 0, int? steps = null) : base(name, length)
    {
        Keyword = keyword;
        this.tilt = tilt;
        this.steps = Math.Max(1, steps ?? StepsFor(length, normalPerMetre, skewPerMetre));
        double h = length / this.steps;
        whole = new MultipoleKick(normalPerMetre, skewPerMetre, 1.0);
        outerKick = new MultipoleKick(normalPerMetre, skewPerMetre, ForestRuth.W1 * h);
        innerKick = new MultipoleKick(normalPerMetre, skewPerMetre, ForestRuth.W0 * h);
    }

    /// <summary>Amplitude at which <see cref="StepsFor"/> bounds the integration error [m]: a VEPP-2000-sized aperture.</summary>
    public const double ReferenceAmplitude = 0.02;

    /// <summary>
    /// Fourth-order steps enough to keep the integration error below 1e-5 of the element's kick at
    /// <see cref="ReferenceAmplitude"/>, a tenth of the field quality magnets are built to. The error of one
    /// step goes as the square of g = G L^2, G the field gradient (K_n a^(n-1)/(n-1)!) the particle sees at
    /// amplitude a: measured against a converged integration, the kick's relative error is about
    /// 0.13 (g/n^2)^2 with n steps (ThickMultipoleStepsTests), so n = ceil(sqrt(g / 8.8e-3)). A 10 cm
    /// sextupole of K2 = 30 m^-3 takes one step (3 kicks), a 50 cm one of K2 = 100 m^-3 eight.
    /// </summary>
    public static int StepsFor(double length, IReadOnlyList<double> normalPerMetre, IReadOnlyList<double> skewPerMetre)
    {
        double g = 0, power = 1, factorial = 1;
        for (int n = 1; n < Math.Max(normalPerMetre.Count, skewPerMetre.Count); n++)
        {
            if (n > 1) { power *= ReferenceAmplitude; factorial *= n - 1; }
            double k = Math.Max(Math.Abs(n < normalPerMetre.Count ? normalPerMetre[n] : 0), Math.Abs(n < skewPerMetre.Count ? skewPerMetre[n] : 0));
            g = Math.Max(g, k * power / factorial * length * length);
        }
        return Math.Max(1, (int)Math.Ceiling(Math.Sqrt(g / 8.8e-3)));
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
