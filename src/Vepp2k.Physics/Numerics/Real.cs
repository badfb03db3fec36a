namespace Vepp2k.Physics.Numerics;

/// <summary>A plain double behind <see cref="IScalar{T}"/>; the JIT reduces it to the double itself.</summary>
public readonly struct Real(double value) : IScalar<Real>
{
    public double Value { get; } = value;

    public static Real Constant(double value) => new(value);
    public static Real operator +(Real a, Real b) => new(a.Value + b.Value);
    public static Real operator -(Real a, Real b) => new(a.Value - b.Value);
    public static Real operator *(Real a, Real b) => new(a.Value * b.Value);
    public static Real operator /(Real a, Real b) => new(a.Value / b.Value);
    public static Real operator -(Real a) => new(-a.Value);
    public static Real operator +(Real a, double b) => new(a.Value + b);
    public static Real operator -(Real a, double b) => new(a.Value - b);
    public static Real operator *(Real a, double b) => new(a.Value * b);
    public static Real operator /(Real a, double b) => new(a.Value / b);
    public static Real Sqrt(Real a) => new(Math.Sqrt(a.Value));
    public static Real Sin(Real a) => new(Math.Sin(a.Value));
    public static Real Cos(Real a) => new(Math.Cos(a.Value));
    public static Real Sinh(Real a) => new(Math.Sinh(a.Value));
    public static Real Cosh(Real a) => new(Math.Cosh(a.Value));
    public static Real Atan2(Real y, Real x) => new(Math.Atan2(y.Value, x.Value));
    public override string ToString() => Value.ToString("R");
}
