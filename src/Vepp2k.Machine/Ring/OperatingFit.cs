namespace Vepp2k.Machine.Ring;

/// <summary>
/// The beta* = 5 cm operating optics: quadrupole and solenoid settings fitted to the facility's
/// model optics at the 23 monitor points (<see cref="MonitorOptics"/>), on the design geometry
/// (same hardware), in double rotation. Quadrants 1 and 4, and 2 and 3, share settings (the
/// published optics is mirror-symmetric about the IP-IP axis to 1e-4). Fitted as a half ring,
/// SND to CMD-3 with the double-rotation continuity at CMD-3, then polished on the whole ring
/// (docs/lattice.md section 4). The strengths exceed the 1 GeV limits, so the mode is set at
/// 0.65 GeV, the highest energy at which every magnet is within its published limit.
/// </summary>
public static class OperatingFit
{
    public static readonly QuadrantStrengths Quadrant1 = new(
        D1: -16.831739658128257, F1: 20.115704769582244, D2: -16.8410269306312,
        F2: 2.3939517469945497, D3: 0, F3: 4.9465762028248506);

    public static readonly QuadrantStrengths Quadrant2 = new(
        D1: -15.465372812684475, F1: 19.489337596333154, D2: -15.461194677566342,
        F2: 10.25508789271685, D3: -11.855482237596494, F3: 4.9465762028248506);

    public const double EnergyEv = 0.65e9;

    /// <summary>Main-coil field [T] at 0.65 GeV (13.798 T at 1 GeV-equivalent strength).</summary>
    public const double MainField = 13.79755842875095 * 0.65;

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
