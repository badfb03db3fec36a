using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The thin multipole kick in MAD-X convention: with b_n = KNL[n], a_n = KSL[n] and
/// S = sum_n (b_n + i a_n)(x + i y)^n / n!, the kick is dpx = -Re S, dpy = +Im S
/// (so a positive K1 L focuses horizontally).
/// </summary>
public static class MultipoleKick
{
    public static void Apply<T>(ref Phase<T> p, ReadOnlySpan<double> knl, ReadOnlySpan<double> ksl, double scale)
        where T : struct, IScalar<T>
    {
        int order = Math.Max(knl.Length, ksl.Length);
        if (order == 0) return;
        T sumRe = T.Constant(0), sumIm = T.Constant(0);
        T zr = T.Constant(1), zi = T.Constant(0);   // (x + i y)^n / n!
        for (int n = 0; n < order; n++)
        {
            if (n > 0)
            {
                T nr = (zr * p.X - zi * p.Y) / n;
                zi = (zr * p.Y + zi * p.X) / n;
                zr = nr;
            }
            double b = n < knl.Length ? knl[n] * scale : 0, a = n < ksl.Length ? ksl[n] * scale : 0;
            if (b == 0 && a == 0) continue;
            sumRe = sumRe + zr * b - zi * a;
            sumIm = sumIm + zi * b + zr * a;
        }
        p.Px = p.Px - sumRe;
        p.Py = p.Py + sumIm;
    }
}
