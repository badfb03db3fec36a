namespace Vepp2k.Physics.Numerics;

/// <summary>
/// The arithmetic an element map needs. Every map is written once, generic over this interface,
/// and run either with <see cref="Real"/> (plain tracking) or with <see cref="Dual6"/> (tracking that
/// also carries the 6x6 Jacobian), so the linear optics is by construction the derivative of the
/// very map used for tracking and closed-orbit search.
/// </summary>
public interface IScalar<T> where T : struct, IScalar<T>
{
    double Value { get; }

    static abstract T Constant(double value);
    static abstract T operator +(T a, T b);
    static abstract T operator -(T a, T b);
    static abstract T operator *(T a, T b);
    static abstract T operator /(T a, T b);
    static abstract T operator -(T a);
    static abstract T operator +(T a, double b);
    static abstract T operator -(T a, double b);
    static abstract T operator *(T a, double b);
    static abstract T operator /(T a, double b);
    static abstract T Sqrt(T a);
    static abstract T Sin(T a);
    static abstract T Cos(T a);
    static abstract T Sinh(T a);
    static abstract T Cosh(T a);
    static abstract T Atan2(T y, T x);
}
