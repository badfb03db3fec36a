using System.Numerics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// Field and potential derivatives of a 2-D Gaussian line charge, the strong slice of the
/// beam-beam kick: F = 2 pi eps0 E for unit linear density [1/m], and G_x,y = -2 pi eps0 d(phi)/d(sigma_x,y^2)
/// [1/m^2], what the Hirata energy kick needs. Formulas as in xfields bigaussian.h (beam-physics.md
/// section 3.1): the round closed form, Bassetti-Erskine (CERN-ISR-TH/80-06) with the Faddeeva
/// function for elliptical beams, the axes swapped when sigma_x &lt; sigma_y. Because the Gaussian's
/// potential obeys the heat equation, G_x = dF_x/dx / 2 and G_y = dF_y/dy / 2, which the tests use.
/// </summary>
public static class GaussianField
{
    // Bassetti-Erskine subtracts two nearly equal terms as the beam gets round: the field loses
    // ~1e-14/d of relative accuracy (d = |sx^2 - sy^2|/(sx^2 + sy^2)), the G terms ~1e-14/d^2. The round
    // formula at the mean variance is off by O(d). Each switches where the two errors cross:
    // the field at d = 1e-7, the G terms at d = 3e-5 (errors ~1e-7 and ~3e-5 at the switch).
    internal const double RoundFieldTolerance = 1e-7;
    internal const double RoundGTolerance = 3e-5;

    /// <summary>F and G at (x, y) of a Gaussian with variances sigmaX2, sigmaY2 [m^2].</summary>
    public static FieldAndG Evaluate(double x, double y, double sigmaX2, double sigmaY2)
    {
        double d = Math.Abs(sigmaX2 - sigmaY2) / (sigmaX2 + sigmaY2);
        if (d < RoundGTolerance)
        {
            var round = Round(x, y, (sigmaX2 + sigmaY2) / 2);
            if (d < RoundFieldTolerance) return round;
            var (fx, fy) = Elliptical(x, y, sigmaX2, sigmaY2);
            return round with { Fx = fx, Fy = fy };
        }
        var (ex, ey) = Elliptical(x, y, sigmaX2, sigmaY2);
        double e = Math.Exp(-x * x / (2 * sigmaX2) - y * y / (2 * sigmaY2));
        double common = x * ex + y * ey, difference = 2 * (sigmaX2 - sigmaY2);
        double sx = Math.Sqrt(sigmaX2), sy = Math.Sqrt(sigmaY2);
        return new FieldAndG(ex, ey, -(common + sy / sx * e - 1) / difference, (common + sx / sy * e - 1) / difference);
    }

    /// <summary>A round Gaussian of variance sigma2: F = (x, y)(1 - exp(-r^2/2 sigma^2))/r^2.</summary>
    public static FieldAndG Round(double x, double y, double sigma2)
    {
        double r2 = x * x + y * y, u = r2 / (2 * sigma2);
        if (u < 1e-10)
        {
            // Series of (1 - e^-u)/r^2 and of the G terms; exact to O(u^2), far below double precision here.
            double f = (1 - u / 2) / (2 * sigma2), s4 = 16 * sigma2 * sigma2;
            return new FieldAndG(x * f, y * f, 1 / (4 * sigma2) - (y * y + 3 * x * x) / s4, 1 / (4 * sigma2) - (x * x + 3 * y * y) / s4);
        }
        double factor = -double.ExpM1(-u) / r2, e = Math.Exp(-u);
        double fx = x * factor, fy = y * factor;
        return new FieldAndG(fx, fy,
            (y * fy - x * fx + x * x * e / sigma2) / (2 * r2),
            (x * fx - y * fy + y * y * e / sigma2) / (2 * r2));
    }

    /// <summary>Bassetti-Erskine field, any sigma_x != sigma_y (the larger axis taken as x inside).</summary>
    public static (double Fx, double Fy) Elliptical(double x, double y, double sigmaX2, double sigmaY2)
    {
        if (sigmaX2 < sigmaY2)
        {
            var (fy, fx) = Elliptical(y, x, sigmaY2, sigmaX2);
            return (fx, fy);
        }
        double ax = Math.Abs(x), ay = Math.Abs(y);
        double sx = Math.Sqrt(sigmaX2), sy = Math.Sqrt(sigmaY2);
        double s = Math.Sqrt(2 * (sigmaX2 - sigmaY2));
        var w1 = Faddeeva.W(new Complex(ax / s, ay / s));
        var w2 = Faddeeva.W(new Complex(ax * sy / sx / s, ay * sx / sy / s));
        double e = Math.Exp(-x * x / (2 * sigmaX2) - y * y / (2 * sigmaY2));
        var v = Math.Sqrt(Math.PI) / s * (w1 - e * w2);   // F_y + i F_x in the first quadrant
        return (Math.CopySign(v.Imaginary, x), Math.CopySign(v.Real, y));
    }
}

/// <summary>Field (2 pi eps0 E per unit line density) [1/m] and G terms [1/m^2] of a Gaussian slice at one point.</summary>
public readonly record struct FieldAndG(double Fx, double Fy, double Gx, double Gy);
