using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Tests.Magnets;

/// <summary>The thick-solenoid formula against independent thin-shell integration and limits.</summary>
public class SolenoidFieldTests
{
    private const double Mu0 = 4e-7 * Math.PI;

    /// <summary>Thin shell of radius a, n turns per metre (beam-physics.md 6.1), coil from s0 to s0 + l.</summary>
    private static double ThinShell(double s, double s0, double l, double a, double n, double i)
    {
        double x2 = s - s0, x1 = s - s0 - l;
        return Mu0 * n * i / 2 * (x2 / Math.Sqrt(x2 * x2 + a * a) - x1 / Math.Sqrt(x1 * x1 + a * a));
    }

    /// <summary>Composite Simpson rule on [a, b] with m (even) intervals.</summary>
    private static double Simpson(Func<double, double> f, double a, double b, int m)
    {
        double h = (b - a) / m, sum = f(a) + f(b);
        for (int k = 1; k < m; k++) sum += (k % 2 == 1 ? 4 : 2) * f(a + k * h);
        return sum * h / 3;
    }

    [Theory]
    [InlineData(0.475)]
    [InlineData(0.35)]
    [InlineData(0.2)]
    [InlineData(0.9)]
    [InlineData(1.5)]
    public void ThickFormulaIsTheRadialAverageOfThinShells(double s)
    {
        var coil = new ThickSolenoidCoil(0.35, 0.25, 0.025, 0.06, 9800);
        double shells = Simpson(a => ThinShell(s, 0.35, 0.25, a, 9800 / 0.25, 200), 0.025, 0.06, 2000) / 0.035;
        Assert.Equal(shells, coil.Field(s, 200), 1e-9 * Math.Abs(shells));
    }

    [Fact]
    public void FarFieldIsADipole()
    {
        // Far away the coil is a magnetic dipole: Bz = mu0 m / (2 pi z^3), m = N I pi <r^2>.
        var coil = new ThickSolenoidCoil(-0.05, 0.1, 0.02, 0.04, 1000);
        double z = 50, meanR2 = (0.04 * 0.04 + 0.04 * 0.02 + 0.02 * 0.02) / 3;
        double dipole = Mu0 * 1000 * 10 * Math.PI * meanR2 / (2 * Math.PI * z * z * z);
        Assert.Equal(dipole, coil.Field(z, 10), 1e-3 * dipole);
    }

    [Fact]
    public void FieldIntegralOfALongCoilIsMu0NIL()
    {
        var coil = new ThickSolenoidCoil(0, 2.0, 0.02, 0.03, 20000);
        double n = 20000 / 2.0, exact = Mu0 * n * 100 * 2.0;
        Assert.Equal(exact, coil.Integral(-1e4, 1e4, 100), 1e-6 * exact);                  // closed form, tail r^2/(4 Z^2)
        double numeric = Simpson(s => coil.Field(s, 100), -1.0, 3.0, 200000);
        Assert.Equal(numeric, coil.Integral(-1.0, 3.0, 100), 1e-9 * numeric);             // closed form vs quadrature
        // Centre of a long coil: mu0 n I less the end correction (r/(l/2))^2 / 2 = 3e-4.
        Assert.Equal(Mu0 * n * 100, coil.Field(1.0, 100), 5e-4 * Mu0 * n * 100);
    }

    [Fact]
    public void HardEdgeEquivalentOfOneSolenoid()
    {
        var catalogue = MagnetCatalogue.Default;
        var coils = catalogue.SolenoidCoils;
        Assert.Equal(RingDesign.Geometry.SolenoidStart, coils[0].Start, 12);
        Assert.Equal(coils[0].End, coils[1].Start, 12);
        Assert.Equal(coils[1].End + 0.02, coils[2].Start, 12);
        var profile = catalogue.SolenoidProfile(200, 200, -100);
        double ib = profile.FieldIntegral();
        double numeric = Simpson(profile.Field, profile.From, profile.To, 200000);
        Assert.Equal(numeric, ib, 1e-9 * Math.Abs(numeric));
        double ib2 = Simpson(s => profile.Field(s) * profile.Field(s), profile.From, profile.To, 400000);
        Assert.Equal(ib2, profile.SquareIntegral(), 1e-9 * ib2);
        var (length, field) = profile.HardEdge();
        Assert.Equal(ib, length * field, 1e-9 * Math.Abs(ib));
        Assert.Equal(ib2, length * field * field, 1e-9 * ib2);
        // A single section alone: L_eff is a bit longer than the winding (fringe), B_eff below the peak.
        var one = new SolenoidProfile([coils[0]], [200]);
        var (l1, b1) = one.HardEdge();
        Assert.InRange(l1, coils[0].Length, coils[0].Length + 0.1);
        Assert.InRange(b1, 0.7 * coils[0].Field(coils[0].Centre, 200), coils[0].Field(coils[0].Centre, 200));
    }
}
