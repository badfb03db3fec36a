using Vepp2k.Physics.Numerics;

/// <summary>
/// A double that counts the arithmetic done on it: +, -, * and / are one floating-point operation each;
/// square roots, trigonometric, hyperbolic and Atan2 calls are counted apart (the vector forms take tens of
/// operations each, and the peak rate counts only adds and multiplies). For the flop count of the
/// tracking kernel (docs/benchmarks.md); never used for physics.
/// </summary>
internal readonly struct CountingScalar(double value) : IScalar<CountingScalar>
{
    [ThreadStatic] public static long Flops;
    [ThreadStatic] public static long Functions;

    public double Value { get; } = value;

    private static CountingScalar Op(double v) { Flops++; return new(v); }
    private static CountingScalar Fn(double v) { Functions++; return new(v); }

    public static CountingScalar Constant(double value) => new(value);
    public static CountingScalar operator +(CountingScalar a, CountingScalar b) => Op(a.Value + b.Value);
    public static CountingScalar operator -(CountingScalar a, CountingScalar b) => Op(a.Value - b.Value);
    public static CountingScalar operator *(CountingScalar a, CountingScalar b) => Op(a.Value * b.Value);
    public static CountingScalar operator /(CountingScalar a, CountingScalar b) => Op(a.Value / b.Value);
    public static CountingScalar operator -(CountingScalar a) => new(-a.Value);
    public static CountingScalar operator +(CountingScalar a, double b) => Op(a.Value + b);
    public static CountingScalar operator -(CountingScalar a, double b) => Op(a.Value - b);
    public static CountingScalar operator *(CountingScalar a, double b) => Op(a.Value * b);
    public static CountingScalar operator /(CountingScalar a, double b) => Op(a.Value / b);
    public static CountingScalar Sqrt(CountingScalar a) => Fn(Math.Sqrt(a.Value));
    public static CountingScalar Sin(CountingScalar a) => Fn(Math.Sin(a.Value));
    public static CountingScalar Cos(CountingScalar a) => Fn(Math.Cos(a.Value));
    public static CountingScalar Sinh(CountingScalar a) => Fn(Math.Sinh(a.Value));
    public static CountingScalar Cosh(CountingScalar a) => Fn(Math.Cosh(a.Value));
    public static CountingScalar Atan2(CountingScalar y, CountingScalar x) => Fn(Math.Atan2(y.Value, x.Value));
}
