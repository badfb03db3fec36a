using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The thin multipole kick in MAD-X convention: with b_n = KNL[n], a_n = KSL[n] and
/// S = sum_n (b_n + i a_n)(x + i y)^n / n!, the kick is dpx = -Re S, dpy = +Im S
/// (so a positive K1 L focuses horizontally). The coefficients (b_n + i a_n) scale / n! are worked out
/// once, when the element is made, so that a pass is Horner's rule in z = x + i y with no division.
/// </summary>
public sealed class MultipoleKick
{
    private readonly double[] re, im;

    /// <param name="scale">Factor on every coefficient (the integrator's weight times the slice length).</param>
    public MultipoleKick(IReadOnlyList<double> knl, IReadOnlyList<double> ksl, double scale)
    {
        int order = Math.Max(knl.Count, ksl.Count);
        var r = new double[order];
        var i = new double[order];
        int top = -1;
        double factorial = 1;
        for (int n = 0; n < order; n++)
        {
            if (n > 0) factorial *= n;
            r[n] = (n < knl.Count ? knl[n] : 0) * scale / factorial;
            i[n] = (n < ksl.Count ? ksl[n] : 0) * scale / factorial;
            if (r[n] != 0 || i[n] != 0) top = n;
        }
        re = r[..(top + 1)];
        im = i[..(top + 1)];
    }

    public void Apply<T>(ref Phase<T> p) where T : struct, IScalar<T>
    {
        int top = re.Length - 1;
        if (top < 0) return;
        T sumRe = T.Constant(re[top]), sumIm = T.Constant(im[top]);
        for (int n = top - 1; n >= 0; n--)
        {
            T r = sumRe * p.X - sumIm * p.Y + re[n];
            sumIm = sumRe * p.Y + sumIm * p.X + im[n];
            sumRe = r;
        }
        p.Px = p.Px - sumRe;
        p.Py = p.Py + sumIm;
    }
}
