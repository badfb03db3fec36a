using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// <see cref="SolenoidRun"/> for four particles at once, values only: tracking needs no
/// delta-derivative (in the scalar run it is multiplied by delta - delta0 = 0). The same composition
/// of the pieces, with the trigonometry in SIMD; it differs from the scalar run by rounding only.
/// </summary>
internal readonly struct SolenoidRunVector
{
    private readonly Vec4 a, b, c, d, cosTheta, sinTheta, theta, axx, axp, app;

    /// <summary>The number of coefficients and their order in <see cref="FromCoefficients"/>.</summary>
    public const int Coefficients = 10;

    private SolenoidRunVector(Vec4 a, Vec4 b, Vec4 c, Vec4 d, Vec4 cosTheta, Vec4 sinTheta, Vec4 theta, Vec4 axx, Vec4 axp, Vec4 app)
    {
        this.a = a; this.b = b; this.c = c; this.d = d;
        this.cosTheta = cosTheta; this.sinTheta = sinTheta;
        this.theta = theta; this.axx = axx; this.axp = axp; this.app = app;
    }

    /// <summary>A run from its coefficients: a, b, c, d, cos theta, sin theta, theta, axx, axp, app.</summary>
    public static SolenoidRunVector FromCoefficients(ReadOnlySpan<Vec4> k) => new(k[0], k[1], k[2], k[3], k[4], k[5], k[6], k[7], k[8], k[9]);

    public static SolenoidRunVector Build(ReadOnlySpan<double> lengths, ReadOnlySpan<double> halfKs, Vec4 delta)
    {
        Vec4 u = Vec4.Constant(1) / (delta + 1.0);
        Vec4 a = Vec4.Constant(1), b = Vec4.Constant(0), c = Vec4.Constant(0), d = Vec4.Constant(1);
        Vec4 theta = Vec4.Constant(0), axx = Vec4.Constant(0), axp = Vec4.Constant(0), app = Vec4.Constant(0);
        for (int i = 0; i < lengths.Length; i++)
        {
            double length = lengths[i];
            Vec4 g = u * halfKs[i];
            Vec4 th = g * length;
            Vec4 cs = Vec4.Cos(th), sin = Vec4.Sin(th);
            // sin(gL)/g has no cancellation as g -> 0, only its limit at g = 0 needs saying.
            Vec4 sOverG = halfKs[i] == 0 ? Vec4.Constant(length) : sin / g;
            Vec4 gs = g * sin;
            Vec4 g2 = g * g;
            axx += (c * c + g2 * a * a) * (length / 2);
            axp += (c * d + g2 * a * b) * length;
            app += (d * d + g2 * b * b) * (length / 2);
            theta += th;
            (a, b, c, d) = (cs * a + sOverG * c, cs * b + sOverG * d, cs * c - gs * a, cs * d - gs * b);
        }
        return new SolenoidRunVector(a, b, c, d, Vec4.Cos(theta), Vec4.Sin(theta), theta, axx, axp, app);
    }

    public void Apply(ref Phase<Vec4> p)
    {
        Vec4 onePlus = p.Delta + 1.0;
        Vec4 inv = Vec4.Constant(1) / onePlus;
        Vec4 x = p.X, y = p.Y, xp = p.Px * inv, yp = p.Py * inv;
        p.Ct = p.Ct + axx * (x * x + y * y) + axp * (x * xp + y * yp) + app * (xp * xp + yp * yp) + theta * (xp * y - x * yp);
        Vec4 xf = a * x + b * xp, xpf = c * x + d * xp;
        Vec4 yf = a * y + b * yp, ypf = c * y + d * yp;
        p.X = cosTheta * xf + sinTheta * yf;
        p.Y = cosTheta * yf - sinTheta * xf;
        p.Px = (cosTheta * xpf + sinTheta * ypf) * onePlus;
        p.Py = (cosTheta * ypf - sinTheta * xpf) * onePlus;
    }
}
