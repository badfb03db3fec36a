namespace Vepp2k.Machine.Magnets;

/// <summary>
/// On-axis field of one final-focus solenoid: its three sections superposed (air-core model, no
/// yoke, no detector field), each at its own current. s is measured from the IP along the solenoid.
/// </summary>
public sealed class SolenoidProfile
{
    /// <summary>Simpson intervals for int B^2 ds: error far below 1e-9 for centimetre-scale coil ends.</summary>
    private const int Intervals = 20000;

    /// <summary>How far past the coil ends the integrals run, in outer radii (B^2 tail below 1e-12).</summary>
    private const double WindowRadii = 40;

    private readonly ThickSolenoidCoil[] coils;
    private readonly double[] currents;

    public SolenoidProfile(IReadOnlyList<ThickSolenoidCoil> coils, IReadOnlyList<double> currents)
    {
        if (coils.Count == 0 || coils.Count != currents.Count)
            throw new ArgumentException("need one current per coil");
        this.coils = [.. coils];
        this.currents = [.. currents];
        double reach = WindowRadii * this.coils.Max(c => c.OuterRadius);
        From = this.coils.Min(c => c.Start) - reach;
        To = this.coils.Max(c => c.End) + reach;
    }

    /// <summary>Integration window [m]: the coils plus a margin where the field has died away.</summary>
    public double From { get; }
    public double To { get; }

    public double Field(double s)
    {
        double b = 0;
        for (int i = 0; i < coils.Length; i++) b += coils[i].Field(s, currents[i]);
        return b;
    }

    /// <summary>int Bz ds over the window [T m] (closed form per coil).</summary>
    public double FieldIntegral()
    {
        double sum = 0;
        for (int i = 0; i < coils.Length; i++) sum += coils[i].Integral(From, To, currents[i]);
        return sum;
    }

    /// <summary>int Bz^2 ds over the window [T^2 m] (composite Simpson).</summary>
    public double SquareIntegral()
    {
        double h = (To - From) / Intervals, sum = 0;
        for (int k = 0; k <= Intervals; k++)
        {
            double b = Field(From + k * h);
            double w = k == 0 || k == Intervals ? 1 : (k % 2 == 1 ? 4 : 2);
            sum += w * b * b;
        }
        return sum * h / 3;
    }

    /// <summary>Hard-edge equivalent: L_eff = (int B)^2 / int B^2, B_eff = int B^2 / int B (same int B and int B^2).</summary>
    public (double Length, double Field) HardEdge()
    {
        double ib = FieldIntegral(), ib2 = SquareIntegral();
        return (ib * ib / ib2, ib2 / ib);
    }
}
