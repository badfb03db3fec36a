using System.Runtime.Intrinsics;

namespace Vepp2k.Physics.Numerics;

/// <summary>
/// The functions the element maps need that <see cref="Vector256"/> does not offer (.NET 10 has Sin,
/// Cos, Exp, Sqrt but no Atan2, Sinh or Cosh), in SIMD, each within a few units in the last place of
/// the Math functions: bends call Atan2 eight times per pass, and doing it lane by lane cost more
/// than the rest of the bend.
/// </summary>
public static class VectorMath
{
    // Cephes atan (S. L. Moshier, Methods and Programs for Mathematical Functions, 1989): on [0, 0.66]
    // x + x^3 P(x^2)/Q(x^2), and above that the same on (x - 1)/(x + 1) plus pi/4; 2.2e-16 peak error.
    private static readonly double[] P = [-8.750608600031904122785e-1, -1.615753718733365076637e1, -7.500855792314704667340e1, -1.228866684490136173410e2, -6.485021904942025371773e1];
    private static readonly double[] Q = [2.485846490142306297962e1, 1.650270098316988542046e2, 4.328810604912902668951e2, 4.853903996359136964868e2, 1.945506571482613964425e2];
    private const double MoreBits = 6.123233995736765886130e-17;   // pi/2 minus its nearest double

    /// <summary>atan2(y, x) in (-pi, pi], lane by lane.</summary>
    public static Vector256<double> Atan2(Vector256<double> y, Vector256<double> x)
    {
        var ax = Vector256.Abs(x);
        var ay = Vector256.Abs(y);
        var steep = Vector256.GreaterThan(ay, ax);
        var small = Vector256.Min(ax, ay);
        var large = Vector256.Max(ax, ay);
        var t = Vector256.ConditionalSelect(Vector256.Equals(large, Vector256<double>.Zero), Vector256<double>.Zero, small / large);
        var a = AtanUnit(t);
        a = Vector256.ConditionalSelect(steep, Vector256.Create(Math.PI / 2) - a, a);
        a = Vector256.ConditionalSelect(Vector256.LessThan(x, Vector256<double>.Zero), Vector256.Create(Math.PI) - a, a);
        var sign = Vector256.Create(-0.0);
        return (a & ~sign) | (y & sign);
    }

    // atan on [0, 1].
    private static Vector256<double> AtanUnit(Vector256<double> t)
    {
        var upper = Vector256.GreaterThan(t, Vector256.Create(0.66));
        var x = Vector256.ConditionalSelect(upper, (t - Vector256<double>.One) / (t + Vector256<double>.One), t);
        var z = x * x;
        var p = Vector256.Create(P[0]);
        for (int i = 1; i < P.Length; i++) p = p * z + Vector256.Create(P[i]);
        var q = z + Vector256.Create(Q[0]);
        for (int i = 1; i < Q.Length; i++) q = q * z + Vector256.Create(Q[i]);
        var r = x * (z * p / q) + x;
        var offset = Vector256.ConditionalSelect(upper, Vector256.Create(Math.PI / 4), Vector256<double>.Zero);
        var bits = Vector256.ConditionalSelect(upper, Vector256.Create(0.5 * MoreBits), Vector256<double>.Zero);
        return offset + (r + bits);
    }

    // 1/19!, 1/17!, ..., 1/3!, 1: sinh(x)/x in powers of x^2, highest first.
    private static readonly double[] SinhSeries = [.. Enumerable.Range(0, 10).Select(k => 1 / Factorial(19 - 2 * k))];

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    /// <summary>sinh, by its series where (e^x - e^-x)/2 would cancel.</summary>
    public static Vector256<double> Sinh(Vector256<double> x)
    {
        var e = Vector256.Exp(x);
        var fromExp = (e - Vector256<double>.One / e) * 0.5;
        // |x| < 1: the series to x^19 is exact to 2e-20 relative; above, the difference loses at most a bit.
        var x2 = x * x;
        var series = Vector256.Create(SinhSeries[0]);
        for (int i = 1; i < SinhSeries.Length; i++) series = series * x2 + Vector256.Create(SinhSeries[i]);
        return Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(x), Vector256<double>.One), series * x, fromExp);
    }

    public static Vector256<double> Cosh(Vector256<double> x)
    {
        var e = Vector256.Exp(x);
        return (e + Vector256<double>.One / e) * 0.5;
    }
}
