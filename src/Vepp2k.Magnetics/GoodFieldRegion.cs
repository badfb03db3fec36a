using System.Numerics;

namespace Vepp2k.Magnetics;

/// <summary>
/// The good-field region of a cross-section: the largest radius r within which the field quality stays
/// within a tolerance, checked on circles of growing radius at 64 angles, with B(z) = sum_n (B_n + i A_n)
/// (z / R)^(n-1) from the solved harmonics. The quantity is the one the magnet is for: the field itself
/// for a dipole, |B(z) - B_1| / |B_1|; the gradient dB/dz for a quadrupole, |G(z) - G| / |G|. (The
/// quadrupole's field relative to G z would blow up at the centre on any dipole term, even the 1e-5 of
/// mesh noise, which the gradient does not see.) The series is only good inside the iron (it converges
/// up to the nearest pole), so the search stops at the aperture: a region that reaches it is reported as
/// the aperture, with <see cref="ReachesAperture"/> set.
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

    /// <summary>
    /// The largest relative error of the (m-1)-th derivative of the field (m = 1: the field, m = 2: the
    /// gradient) on the circle of radius <paramref name="r"/>: with w = z / R,
    /// d^(m-1)B/dz^(m-1) is proportional to sum_(n>=m) (n-1)! / (n-m)! (B_n + i A_n) w^(n-m).
    /// </summary>
    public static double Error(Harmonics h, double r, int angles = 64)
    {
        int m = h.Order;
        double worst = 0;
        for (int j = 0; j < angles; j++)
        {
            var w = Complex.FromPolarCoordinates(r / h.ReferenceRadius, 2 * Math.PI * j / angles);
            var rest = Complex.Zero;
            for (int n = m + 1; n <= MaxOrder; n++)
                rest += Falling(n - 1, m - 1) * new Complex(h.Normal(n), h.Skew(n)) * Complex.Pow(w, n - m);
            worst = Math.Max(worst, rest.Magnitude / (Falling(m - 1, m - 1) * Math.Abs(h.Normal(m))));
        }
        return worst;
    }

    /// <summary>(n)(n-1)...(n-k+1): the factor the k-th derivative brings down from w^n.</summary>
    private static double Falling(int n, int k)
    {
        double f = 1;
        for (int i = 0; i < k; i++) f *= n - i;
        return f;
    }
}
