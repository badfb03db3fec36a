namespace Vepp2k.Magnetics;

/// <summary>
/// Multipoles of a 2-D field in the European convention, B_y + i B_x = sum_n (B_n + i A_n) (z / R)^(n-1),
/// n = 1 dipole, 2 quadrupole. With b = curl(a_z e_z), B_y + i B_x = -F'(z) for a_z = Re F, so on the
/// circle of radius R: a_z(theta) = a0 - sum_n (R / n) (B_n cos n theta - A_n sin n theta).
/// The potential is used rather than b because the elements give a_z one order more accurately than b.
/// </summary>
public sealed class Harmonics
{
    private readonly double[] normal, skew;

    private Harmonics(double[] normal, double[] skew, double radius, int order) =>
        (this.normal, this.skew, ReferenceRadius, Order) = (normal, skew, radius, order);

    public double ReferenceRadius { get; }
    /// <summary>The main harmonic: 1 for a dipole, 2 for a quadrupole.</summary>
    public int Order { get; }

    /// <summary>Normal multipole B_n [T] at the reference radius.</summary>
    public double Normal(int n) => normal[n];
    /// <summary>Skew multipole A_n [T] at the reference radius.</summary>
    public double Skew(int n) => skew[n];
    /// <summary>Main field at the reference radius: B_1 for the dipole, B_2 = G R for the quadrupole [T].</summary>
    public double Main => normal[Order];
    /// <summary>b_n = B_n / B_main, a_n = A_n / B_main (relative; times 1e4 for "units").</summary>
    public double RelativeNormal(int n) => normal[n] / Main;
    public double RelativeSkew(int n) => skew[n] / Main;
    /// <summary>Gradient of a quadrupole, B_2 / R [T/m].</summary>
    public double Gradient => normal[2] / ReferenceRadius;

    /// <summary>Fourier analysis of equally spaced samples a_z(2 pi k / N), a plain DFT (N is a few hundred).</summary>
    public static Harmonics FromPotential(IReadOnlyList<double> potential, double radius, int order)
    {
        // Up to a quarter of the sample count: far from aliasing, and far above any harmonic that matters.
        int count = potential.Count, max = count / 4;
        if (count < 16) throw new ArgumentException("too few points on the reference circle", nameof(potential));
        var normal = new double[max + 1];
        var skew = new double[max + 1];
        for (int n = 1; n <= max; n++)
        {
            double c = 0, s = 0;
            for (int k = 0; k < count; k++)
            {
                double t = 2 * Math.PI * n * k / count;
                c += potential[k] * Math.Cos(t);
                s += potential[k] * Math.Sin(t);
            }
            normal[n] = -n * (2 * c / count) / radius;
            skew[n] = n * (2 * s / count) / radius;
        }
        return new Harmonics(normal, skew, radius, order);
    }
}
