namespace Vepp2k.Machine.Ring;

/// <summary>
/// The beta* = 5 cm operating optics: quadrupole and solenoid settings fitted to the facility's
/// model optics at the 23 monitor points (<see cref="MonitorOptics"/>), on the design geometry
/// (same hardware), in double rotation. Quadrants 1 and 4, and 2 and 3, share settings (the
/// published optics is mirror-symmetric about the IP-IP axis to 1e-4). Fitted as a half ring,
/// SND to CMD-3 with the double-rotation continuity at CMD-3, then polished on the whole ring
/// (docs/lattice.md section 4), and polished again within the magnets' limits when the design's
/// solenoid layout was refitted in the field-profile model, and again when the design's drift splits
/// were refitted to the published emittance (tools/operating_fit_probe.cs -- strengths 1 5 0.3
/// iter=3000 rot45: 59.7 % rms). The strengths exceed the 1 GeV limits, so the mode is set at 0.65 GeV, the
/// highest energy at which every magnet is within its published limit. Its solenoids are read as
/// hard edges (it was fitted that way; ModeInfo.FieldProfile is off).
/// </summary>
public static class OperatingFit
{
    public static readonly QuadrantStrengths Quadrant1 = new(
        D1: -13.167690332716246, F1: 20.928151174186098, D2: -18.467363313543643,
        F2: 2.8296598189543, D3: 0, F3: 5.177409634189879);

    public static readonly QuadrantStrengths Quadrant2 = new(
        D1: -15.582325115171807, F1: 20.74709564556496, D2: -16.197693341753784,
        F2: 10.924849122764206, D3: -13.16337621551252, F3: 5.176481107987009);

    public const double EnergyEv = 0.65e9;

    /// <summary>Main-coil hard-edge field [T] at 0.65 GeV (12.93 T at 1 GeV-equivalent strength).</summary>
    public const double MainField = 8.404335821726338;

    public static RingSetting Setting
    {
        get
        {
            var plus = RingDesign.Solenoid(RingDesign.Geometry, MainField, RingDesign.SolenoidRotation, EnergyEv);
            return new RingSetting(EnergyEv, [Quadrant1, Quadrant2, Quadrant2, Quadrant1],
                RingDesign.Polarity(plus, SolenoidPolarity.DoubleRotation), ModeDesigns.RfVoltage);
        }
    }
}
