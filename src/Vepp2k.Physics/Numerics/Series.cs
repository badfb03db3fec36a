using System.Runtime.Intrinsics;

namespace Vepp2k.Physics.Numerics;

/// <summary>
/// Functions of a focusing strength k that stay accurate (and differentiable) as k passes through
/// zero: the cos-like and sin-like solutions of u'' = -k u and the integrals the path length needs.
/// Closed forms take over where their cancellation error is negligible.
/// </summary>
public static class Series
{
    // |k| L^2 below this uses the power series: the first neglected term is (kL^2)^4/40320 < 3e-17.
    private const double SeriesLimit = 1e-3;

    /// <summary>C = cos(sqrt(k) L) and S = sin(sqrt(k) L)/sqrt(k), continued to k &lt;= 0.</summary>
    public static (T C, T S) CosSin<T>(T k, double length) where T : struct, IScalar<T>
    {
        double l2 = length * length;
        if (UsesSeries(k.Value, length))
        {
            T q = k * l2;
            T c = T.Constant(1) - q * (1.0 / 2) + q * q * (1.0 / 24) - q * q * q * (1.0 / 720);
            T s = (T.Constant(1) - q * (1.0 / 6) + q * q * (1.0 / 120) - q * q * q * (1.0 / 5040)) * length;
            return (c, s);
        }
        if (k.Value > 0)
        {
            T w = T.Sqrt(k);
            return (T.Cos(w * length), T.Sin(w * length) / w);
        }
        T v = T.Sqrt(-k);
        return (T.Cosh(v * length), T.Sinh(v * length) / v);
    }

    /// <summary>Integral of S(s)^2 over [0, L]: (L - S C)/(2k), without its cancellation near k = 0.</summary>
    public static T IntegralS2<T>(T k, double length, T c, T s) where T : struct, IScalar<T>
    {
        double l2 = length * length;
        if (UsesSeries(k.Value, length))
        {
            T q = k * (4 * l2);
            return (T.Constant(1.0 / 6) - q * (1.0 / 120) + q * q * (1.0 / 5040) - q * q * q * (1.0 / 362880))
                   * (2 * l2 * length);
        }
        return (T.Constant(length) - s * c) / (k * 2.0);
    }

    /// <summary>sin(u)/u, exact at u = 0.</summary>
    public static T SinOverX<T>(T u) where T : struct, IScalar<T>
    {
        if (SinOverXUsesSeries(u.Value))
        {
            T u2 = u * u;
            return T.Constant(1) - u2 * (1.0 / 6) + u2 * u2 * (1.0 / 120);
        }
        return T.Sin(u) / u;
    }

    private static bool UsesSeries(double k, double length) => Math.Abs(k) * length * length < SeriesLimit;

    private static bool SinOverXUsesSeries(double u) => Math.Abs(u) < 1e-3;

    /// <summary>Whether <see cref="CosSin{T}"/> and <see cref="IntegralS2{T}"/> take one branch for all four lanes of <paramref name="k"/>.</summary>
    public static bool SameBranch(Vec4 k, double length)
    {
        // The same tests as UsesSeries (same order of operations, so the same rounding) and the sign test, in SIMD.
        var series = Vector256.LessThan(Vector256.Abs(k.V) * length * length, Vector256.Create(SeriesLimit));
        var focusing = Vector256.GreaterThan(k.V, Vector256<double>.Zero);
        return Uniform(series.ExtractMostSignificantBits()) && Uniform(focusing.ExtractMostSignificantBits());
    }

    private static bool Uniform(uint lanes) => lanes == 0 || lanes == 0b1111;

    /// <summary>Whether <see cref="SinOverX{T}"/> takes one branch for all four lanes of <paramref name="u"/>.</summary>
    public static bool SinOverXSameBranch(Vec4 u)
    {
        bool first = SinOverXUsesSeries(u[0]);
        return SinOverXUsesSeries(u[1]) == first && SinOverXUsesSeries(u[2]) == first && SinOverXUsesSeries(u[3]) == first;
    }
}
