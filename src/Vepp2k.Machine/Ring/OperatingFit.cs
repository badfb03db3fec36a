namespace Vepp2k.Machine.Ring;

/// <summary>
/// The beta* = 5 cm operating optics: quadrupole and solenoid settings fitted to the facility's
/// model optics at the 23 monitor points (<see cref="MonitorOptics"/>), on the design geometry
/// (same hardware), in double rotation. Quadrants 1 and 4, and 2 and 3, share settings (the
/// published optics is mirror-symmetric about the IP-IP axis to 1e-4). Fitted as a half ring,
/// SND to CMD-3 with the double-rotation continuity at CMD-3, then polished on the whole ring
/// (docs/lattice.md section 4), and polished again within the magnets' limits when the design's
/// solenoid layout was refitted in the field-profile model (a continuation from the old layout:
/// 63.5 % rms). The strengths exceed the 1 GeV limits, so the mode is set at 0.65 GeV, the
/// highest energy at which every magnet is within its published limit. Its solenoids are read as
/// hard edges (it was fitted that way; ModeInfo.FieldProfile is off).
/// </summary>
public static class OperatingFit
{
    public static readonly QuadrantStrengths Quadrant1 = new(
        D1: -13.387157402389791, F1: 19.04845415261635, D2: -16.82100835678507,
        F2: 2.433313184139208, D3: 0, F3: 5.177406302332616);

    public static readonly QuadrantStrengths Quadrant2 = new(
        D1: -15.337583786348379, F1: 18.9078771312305, D2: -15.094309306349455,
        F2: 9.690498684690194, D3: -11.745353663099896, F3: 5.175675261909537);

    public const double EnergyEv = 0.65e9;

    /// <summary>Main-coil hard-edge field [T] at 0.65 GeV (13.12 T at 1 GeV-equivalent strength).</summary>
    public const double MainField = 8.525364757354208;

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
