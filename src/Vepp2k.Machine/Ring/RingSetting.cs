namespace Vepp2k.Machine.Ring;

/// <summary>Normalised gradients K1 [1/m^2] of the six quadrupoles of one quadrant.</summary>
public sealed record QuadrantStrengths(double D1, double F1, double D2, double F2, double D3, double F3)
{
    public double[] ToArray() => [D1, F1, D2, F2, D3, F3];
    public static QuadrantStrengths From(IReadOnlyList<double> v, int offset = 0) =>
        new(v[offset], v[offset + 1], v[offset + 2], v[offset + 3], v[offset + 4], v[offset + 5]);
}

/// <summary>
/// Hard-edge fields [T] of the three sections of one final-focus solenoid, signed: KS times B rho, i.e.
/// each coil's whole int B ds spread evenly over its length (not its peak on-axis field; see solenoid.json).
/// </summary>
public sealed record SolenoidFields(double S1, double S2, double S3)
{
    public SolenoidFields Reversed() => new(-S1, -S2, -S3);
}

/// <summary>
/// A full setting of the ring: quad strengths per quadrant (1..4), solenoid fields per solenoid
/// (1S..4S) and the beam energy. The quadrant numbers follow the facility: 1 from SND to the RF
/// straight, 2 from the RF straight to CMD-3, 3 from CMD-3 to injection, 4 from injection to SND.
/// </summary>
public sealed record RingSetting(
    double EnergyEv,
    IReadOnlyList<QuadrantStrengths> Quadrants,
    IReadOnlyList<SolenoidFields> Solenoids,
    double RfVoltage = 100e3)
{
    public const int Harmonic = 14;
}
