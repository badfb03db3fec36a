using System.Runtime.Intrinsics;

namespace Vepp2k.Physics.Numerics;

/// <summary>
/// Four particles at once behind <see cref="IScalar{T}"/>: one coordinate of four particles in a
/// <see cref="Vector256{T}"/>, so the very element maps that give the optics track a beam with SIMD.
/// Sqrt, Sin and Cos are the vector forms .NET provides; Sinh, Cosh and Atan2, which it lacks, are
/// <see cref="VectorMath"/>'s. <see cref="Value"/> is lane 0 only: a map that branches on a value must make
/// sure every lane takes the same branch or run per lane (<see cref="Elements.Element"/>'s vector
/// entry point does the latter by default).
/// </summary>
public readonly struct Vec4(Vector256<double> v) : IScalar<Vec4>
{
    public readonly Vector256<double> V = v;

    public const int Lanes = 4;

    public double Value => V.GetElement(0);

    public double this[int lane] => V.GetElement(lane);

    public static Vec4 Constant(double value) => new(Vector256.Create(value));
    public static Vec4 operator +(Vec4 a, Vec4 b) => new(a.V + b.V);
    public static Vec4 operator -(Vec4 a, Vec4 b) => new(a.V - b.V);
    public static Vec4 operator *(Vec4 a, Vec4 b) => new(a.V * b.V);
    public static Vec4 operator /(Vec4 a, Vec4 b) => new(a.V / b.V);
    public static Vec4 operator -(Vec4 a) => new(-a.V);
    public static Vec4 operator +(Vec4 a, double b) => new(a.V + Vector256.Create(b));
    public static Vec4 operator -(Vec4 a, double b) => new(a.V - Vector256.Create(b));
    public static Vec4 operator *(Vec4 a, double b) => new(a.V * b);
    public static Vec4 operator /(Vec4 a, double b) => new(a.V / b);
    public static Vec4 Sqrt(Vec4 a) => new(Vector256.Sqrt(a.V));
    public static Vec4 Sin(Vec4 a) => new(Vector256.Sin(a.V));
    public static Vec4 Cos(Vec4 a) => new(Vector256.Cos(a.V));
    public static Vec4 Sinh(Vec4 a) => new(VectorMath.Sinh(a.V));
    public static Vec4 Cosh(Vec4 a) => new(VectorMath.Cosh(a.V));
    public static Vec4 Atan2(Vec4 y, Vec4 x) => new(VectorMath.Atan2(y.V, x.V));

    public override string ToString() => $"<{this[0]:R}, {this[1]:R}, {this[2]:R}, {this[3]:R}>";
}
