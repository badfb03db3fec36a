namespace Vepp2k.Machine.Magnets;

/// <summary>
/// One axisymmetric coil of uniform current density between radii r1 and r2 and axial positions
/// Start..Start+Length (s from the IP, m). On-axis field from the thick-solenoid formula
/// (beam-physics.md 6.1), the radial average of thin-shell fields:
///   Bz(s) = mu0 N I / (2 L (r2 - r1)) [x2 ln((sqrt(r2^2+x2^2)+r2)/(sqrt(r1^2+x2^2)+r1)) - (same at x1)],
/// x2 = s - Start, x1 = s - Start - L (signed distances from the two ends).
/// </summary>
public sealed record ThickSolenoidCoil(double Start, double Length, double InnerRadius, double OuterRadius, double Turns)
{
    private const double Mu0 = 4e-7 * Math.PI;

    public double End => Start + Length;
    public double Centre => Start + Length / 2;

    /// <summary>On-axis Bz [T] at s for a current [A].</summary>
    public double Field(double s, double current) =>
        Scale(current) * (EndTerm(s - Start) - EndTerm(s - End));

    /// <summary>
    /// int Bz ds from a to b, in closed form: x ln(...) integrates to
    /// x^2/2 ln(u + r) - u^2/4 + r u/2 with u = sqrt(r^2 + x^2), taken between r1 and r2.
    /// Over all s it tends to mu0 N I.
    /// </summary>
    public double Integral(double a, double b, double current) =>
        Scale(current) * (EndPrimitive(b - Start) - EndPrimitive(a - Start) - EndPrimitive(b - End) + EndPrimitive(a - End));

    private double Scale(double current) => Mu0 * Turns * current / (2 * Length * (OuterRadius - InnerRadius));

    private double EndTerm(double x) =>
        x * Math.Log((Math.Sqrt(OuterRadius * OuterRadius + x * x) + OuterRadius)
                     / (Math.Sqrt(InnerRadius * InnerRadius + x * x) + InnerRadius));

    private double EndPrimitive(double x) => ShellPrimitive(x, OuterRadius) - ShellPrimitive(x, InnerRadius);

    private static double ShellPrimitive(double x, double r)
    {
        double u = Math.Sqrt(r * r + x * x);
        return 0.5 * x * x * Math.Log(u + r) - 0.25 * u * u + 0.5 * r * u;
    }
}
