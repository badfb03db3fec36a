using System.Runtime.Intrinsics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// <see cref="GaussianField.Evaluate"/> for four points at once: the same branches, chosen lane by lane (the
/// round closed form where the two variances are within <see cref="GaussianField"/>'s tolerances, Bassetti-Erskine
/// with <see cref="Faddeeva"/>'s rational approximation elsewhere), the same formulas, so the same values to
/// rounding. A branch no lane needs is not evaluated.
/// </summary>
internal static class GaussianFieldVector
{
    private static readonly Vector256<double> SignBit = Vector256.Create(-0.0);

    /// <summary>F and G at (x, y) of Gaussians with variances vx, vy.</summary>
    public static (Vector256<double> Fx, Vector256<double> Fy, Vector256<double> Gx, Vector256<double> Gy) Evaluate(
        Vector256<double> x, Vector256<double> y, Vector256<double> vx, Vector256<double> vy)
    {
        var d = Vector256.Abs(vx - vy) / (vx + vy);
        var roundG = Vector256.LessThan(d, Vector256.Create(GaussianField.RoundGTolerance));
        var roundField = Vector256.LessThan(d, Vector256.Create(GaussianField.RoundFieldTolerance));
        Vector256<double> fx = default, fy = default, gx = default, gy = default;
        if (roundG != Vector256<double>.Zero)
            (fx, fy, gx, gy) = Round(x, y, (vx + vy) * 0.5);
        if (roundField != Vector256<double>.AllBitsSet)
        {
            // Lanes on the round side get a harmless stand-in so that nothing there divides by zero.
            var safeVy = Vector256.ConditionalSelect(roundField, vx * 0.5, vy);
            var (ex, ey) = Elliptical(x, y, vx, safeVy);
            fx = Vector256.ConditionalSelect(roundField, fx, ex);
            fy = Vector256.ConditionalSelect(roundField, fy, ey);
            if (roundG != Vector256<double>.AllBitsSet)
            {
                var e = Vector256.Exp(-(x * x / (vx + vx)) - y * y / (safeVy + safeVy));
                var common = x * ex + y * ey;
                var difference = (vx - safeVy) * 2.0;
                var sx = Vector256.Sqrt(vx);
                var sy = Vector256.Sqrt(safeVy);
                var one = Vector256<double>.One;
                gx = Vector256.ConditionalSelect(roundG, gx, -(common + sy / sx * e - one) / difference);
                gy = Vector256.ConditionalSelect(roundG, gy, (common + sx / sy * e - one) / difference);
            }
        }
        return (fx, fy, gx, gy);
    }

    // GaussianField.Round: F = (x, y)(1 - exp(-u))/r^2, u = r^2/(2 sigma^2), and its G terms; the series below u = 1e-10.
    private static (Vector256<double> Fx, Vector256<double> Fy, Vector256<double> Gx, Vector256<double> Gy) Round(
        Vector256<double> x, Vector256<double> y, Vector256<double> sigma2)
    {
        var r2 = x * x + y * y;
        var u = r2 / (sigma2 + sigma2);
        var tiny = Vector256.LessThan(u, Vector256.Create(1e-10));
        var e = Vector256.Exp(-u);
        var safeR2 = Vector256.ConditionalSelect(tiny, Vector256<double>.One, r2);
        var factor = OneMinusExpMinus(u, e) / safeR2;
        var fx = x * factor;
        var fy = y * factor;
        var two = safeR2 * 2.0;
        var gx = (y * fy - x * fx + x * x * e / sigma2) / two;
        var gy = (x * fx - y * fy + y * y * e / sigma2) / two;
        if (tiny != Vector256<double>.Zero)
        {
            var f = (Vector256<double>.One - u * 0.5) / (sigma2 * 2.0);
            var s4 = sigma2 * sigma2 * 16.0;
            var quarter = Vector256.Create(0.25) / sigma2;
            fx = Vector256.ConditionalSelect(tiny, x * f, fx);
            fy = Vector256.ConditionalSelect(tiny, y * f, fy);
            gx = Vector256.ConditionalSelect(tiny, quarter - (y * y + x * x * 3.0) / s4, gx);
            gy = Vector256.ConditionalSelect(tiny, quarter - (x * x + y * y * 3.0) / s4, gy);
        }
        return (fx, fy, gx, gy);
    }

    // 1 - exp(-u) without the cancellation of the difference at small u: its Taylor series to u^17 below u = 0.5
    // (the first term left out is below 1e-17 of the sum there), the difference above.
    private static Vector256<double> OneMinusExpMinus(Vector256<double> u, Vector256<double> e)
    {
        var series = Vector256.Create(SeriesCoefficients[0]);
        for (int k = 1; k < SeriesCoefficients.Length; k++) series = series * u + Vector256.Create(SeriesCoefficients[k]);
        return Vector256.ConditionalSelect(Vector256.LessThan(u, Vector256.Create(0.5)), series * u, Vector256<double>.One - e);
    }

    // (-1)^k/(k + 1)! for k = 16 .. 0, highest first: 1 - exp(-u) = u sum_k (-u)^k/(k + 1)!.
    private static readonly double[] SeriesCoefficients = [.. Enumerable.Range(0, 17).Reverse().Select(k => (k % 2 == 0 ? 1 : -1) / Factorial(k + 1))];

    private static double Factorial(int n) => n <= 1 ? 1 : n * Factorial(n - 1);

    // Bassetti-Erskine with the larger axis taken as x inside, lane by lane.
    private static (Vector256<double> Fx, Vector256<double> Fy) Elliptical(
        Vector256<double> x, Vector256<double> y, Vector256<double> vx, Vector256<double> vy)
    {
        var swap = Vector256.LessThan(vx, vy);
        var X = Vector256.ConditionalSelect(swap, y, x);
        var Y = Vector256.ConditionalSelect(swap, x, y);
        var VX = Vector256.ConditionalSelect(swap, vy, vx);
        var VY = Vector256.ConditionalSelect(swap, vx, vy);
        var ax = Vector256.Abs(X);
        var ay = Vector256.Abs(Y);
        var sx = Vector256.Sqrt(VX);
        var sy = Vector256.Sqrt(VY);
        var s = Vector256.Sqrt((VX - VY) * 2.0);
        var (w1r, w1i) = W(ax / s, ay / s);
        var (w2r, w2i) = W(ax * sy / sx / s, ay * sx / sy / s);
        var e = Vector256.Exp(-(X * X / (VX + VX)) - Y * Y / (VY + VY));
        var scale = Vector256.Create(Math.Sqrt(Math.PI)) / s;
        var vr = scale * (w1r - e * w2r);   // F_y in the first quadrant
        var vi = scale * (w1i - e * w2i);   // F_x in the first quadrant
        var fx = CopySign(vi, X);
        var fy = CopySign(vr, Y);
        return (Vector256.ConditionalSelect(swap, fy, fx), Vector256.ConditionalSelect(swap, fx, fy));
    }

    private static Vector256<double> CopySign(Vector256<double> magnitude, Vector256<double> sign) =>
        (magnitude & ~SignBit) | (sign & SignBit);

    // Weideman's w(z) for Im z >= 0 (z = re + i im), as Faddeeva.W.
    private static (Vector256<double> Re, Vector256<double> Im) W(Vector256<double> re, Vector256<double> im)
    {
        var l = Vector256.Create(Faddeeva.L);
        // denominator L - i z = (L + im) - i re; Z = (L + i z)/(L - i z) = ((L - im) + i re)/((L + im) - i re).
        var dr = l + im;
        var di = -re;
        var nr = l - im;
        var ni = re;
        var (zr, zi) = Divide(nr, ni, dr, di);
        var c = Faddeeva.Coefficients;
        var pr = Vector256.Create(c[Faddeeva.Terms - 1]);
        var pi = Vector256<double>.Zero;
        for (int n = Faddeeva.Terms - 2; n >= 0; n--)
        {
            var r = pr * zr - pi * zi + Vector256.Create(c[n]);
            pi = pr * zi + pi * zr;
            pr = r;
        }
        // 2 p / d^2 + 1 / (sqrt(pi) d)
        var d2r = dr * dr - di * di;
        var d2i = (dr * di) * 2.0;
        var (ar, ai) = Divide(pr * 2.0, pi * 2.0, d2r, d2i);
        var root = Vector256.Create(Math.Sqrt(Math.PI));
        var (br, bi) = Divide(Vector256<double>.One, Vector256<double>.Zero, root * dr, root * di);
        return (ar + br, ai + bi);
    }

    private static (Vector256<double> Re, Vector256<double> Im) Divide(
        Vector256<double> ar, Vector256<double> ai, Vector256<double> br, Vector256<double> bi)
    {
        var inverse = Vector256<double>.One / (br * br + bi * bi);
        return ((ar * br + ai * bi) * inverse, (ai * br - ar * bi) * inverse);
    }
}
