using System.Numerics;

namespace Vepp2k.Magnetics;

/// <summary>
/// The good-field region of a cross-section: the largest radius r within which the field error stays
/// below a tolerance, |B(z) - B_main(z)| / |B_main(z)| with B_main the ideal dipole (B_1) or quadrupole
/// (B_2 z / R) field and B(z) = sum_n (B_n + i A_n) (z / R)^(n-1) from the solved harmonics, checked on
/// circles of growing radius at 64 angles. The series is only good inside the iron (it converges up to
/// the nearest pole), so the search stops at the aperture: a region that reaches it is reported as the
/// aperture, with <see cref="ReachesAperture"/> set.
/// </summary>
public sealed record GoodFieldRegion(double Radius, double Tolerance, bool ReachesAperture)
{
    /// <summary>Harmonics above this order are mesh noise at the 1e-7 level; they are left out of the sum.</summary>
    public const int MaxOrder = 20;

    public static GoodFieldRegion Of(Harmonics h, double aperture, double tolerance = 1e-3)
    {
        const int steps = 200, angles = 64;
        double found = 0;
        for (int k = 1; k <= steps; k++)
        {
            double r = aperture * k / steps;
            if (Error(h, r, angles) > tolerance) return new GoodFieldRegion(found, tolerance, false);
            found = r;
        }
        return new GoodFieldRegion(aperture, tolerance, true);
    }

    /// <summary>The largest relative field error on the circle of radius <paramref name="r"/>.</summary>
    public static double Error(Harmonics h, double r, int angles = 64)
    {
        int m = h.Order;
        double worst = 0;
        for (int j = 0; j < angles; j++)
        {
            var z = Complex.FromPolarCoordinates(r / h.ReferenceRadius, 2 * Math.PI * j / angles);
            Complex main = h.Normal(m) * Complex.Pow(z, m - 1), rest = Complex.Zero;
            for (int n = 1; n <= MaxOrder; n++)
                if (n != m) rest += new Complex(h.Normal(n), h.Skew(n)) * Complex.Pow(z, n - 1);
            worst = Math.Max(worst, rest.Magnitude / main.Magnitude);
        }
        return worst;
    }
}
