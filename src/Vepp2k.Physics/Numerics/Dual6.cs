namespace Vepp2k.Physics.Numerics;

/// <summary>
/// Forward-mode automatic differentiation in six variables: a value and its gradient with respect
/// to the six phase-space coordinates at the start of a pass. Tracking six of these through a map
/// yields the map's Jacobian exactly (to rounding), with no finite-difference step to tune.
/// </summary>
public readonly struct Dual6 : IScalar<Dual6>
{
    public readonly double V, D0, D1, D2, D3, D4, D5;

    public Dual6(double v, double d0, double d1, double d2, double d3, double d4, double d5)
    {
        V = v; D0 = d0; D1 = d1; D2 = d2; D3 = d3; D4 = d4; D5 = d5;
    }

    public double Value => V;

    /// <summary>The derivative with respect to coordinate <paramref name="i"/>.</summary>
    public double D(int i) => i switch { 0 => D0, 1 => D1, 2 => D2, 3 => D3, 4 => D4, _ => D5 };

    /// <summary>Independent variable number <paramref name="i"/> with value <paramref name="v"/>.</summary>
    public static Dual6 Variable(int i, double v) => new(v,
        i == 0 ? 1 : 0, i == 1 ? 1 : 0, i == 2 ? 1 : 0, i == 3 ? 1 : 0, i == 4 ? 1 : 0, i == 5 ? 1 : 0);

    public static Dual6 Constant(double value) => new(value, 0, 0, 0, 0, 0, 0);

    // f(a) with f' = g: the chain rule in one place.
    private static Dual6 Chain(in Dual6 a, double f, double g) =>
        new(f, g * a.D0, g * a.D1, g * a.D2, g * a.D3, g * a.D4, g * a.D5);

    public static Dual6 operator +(Dual6 a, Dual6 b) => new(a.V + b.V,
        a.D0 + b.D0, a.D1 + b.D1, a.D2 + b.D2, a.D3 + b.D3, a.D4 + b.D4, a.D5 + b.D5);

    public static Dual6 operator -(Dual6 a, Dual6 b) => new(a.V - b.V,
        a.D0 - b.D0, a.D1 - b.D1, a.D2 - b.D2, a.D3 - b.D3, a.D4 - b.D4, a.D5 - b.D5);

    public static Dual6 operator *(Dual6 a, Dual6 b) => new(a.V * b.V,
        a.D0 * b.V + a.V * b.D0, a.D1 * b.V + a.V * b.D1, a.D2 * b.V + a.V * b.D2,
        a.D3 * b.V + a.V * b.D3, a.D4 * b.V + a.V * b.D4, a.D5 * b.V + a.V * b.D5);

    public static Dual6 operator /(Dual6 a, Dual6 b)
    {
        double q = a.V / b.V, r = 1.0 / b.V;
        return new(q,
            (a.D0 - q * b.D0) * r, (a.D1 - q * b.D1) * r, (a.D2 - q * b.D2) * r,
            (a.D3 - q * b.D3) * r, (a.D4 - q * b.D4) * r, (a.D5 - q * b.D5) * r);
    }

    public static Dual6 operator -(Dual6 a) => new(-a.V, -a.D0, -a.D1, -a.D2, -a.D3, -a.D4, -a.D5);
    public static Dual6 operator +(Dual6 a, double b) => new(a.V + b, a.D0, a.D1, a.D2, a.D3, a.D4, a.D5);
    public static Dual6 operator -(Dual6 a, double b) => new(a.V - b, a.D0, a.D1, a.D2, a.D3, a.D4, a.D5);
    public static Dual6 operator *(Dual6 a, double b) => new(a.V * b, a.D0 * b, a.D1 * b, a.D2 * b, a.D3 * b, a.D4 * b, a.D5 * b);
    public static Dual6 operator /(Dual6 a, double b) => a * (1.0 / b);

    public static Dual6 Sqrt(Dual6 a)
    {
        double s = Math.Sqrt(a.V);
        return Chain(a, s, 0.5 / s);
    }

    public static Dual6 Sin(Dual6 a) => Chain(a, Math.Sin(a.V), Math.Cos(a.V));
    public static Dual6 Cos(Dual6 a) => Chain(a, Math.Cos(a.V), -Math.Sin(a.V));
    public static Dual6 Sinh(Dual6 a) => Chain(a, Math.Sinh(a.V), Math.Cosh(a.V));
    public static Dual6 Cosh(Dual6 a) => Chain(a, Math.Cosh(a.V), Math.Sinh(a.V));

    public static Dual6 Atan2(Dual6 y, Dual6 x)
    {
        double r2 = x.V * x.V + y.V * y.V;
        double gx = -y.V / r2, gy = x.V / r2;
        return new(Math.Atan2(y.V, x.V),
            gx * x.D0 + gy * y.D0, gx * x.D1 + gy * y.D1, gx * x.D2 + gy * y.D2,
            gx * x.D3 + gy * y.D3, gx * x.D4 + gy * y.D4, gx * x.D5 + gy * y.D5);
    }

    public override string ToString() => $"{V:R} [{D0:G4} {D1:G4} {D2:G4} {D3:G4} {D4:G4} {D5:G4}]";
}
