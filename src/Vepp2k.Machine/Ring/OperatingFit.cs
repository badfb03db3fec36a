namespace Vepp2k.Machine.Ring;

/// <summary>
/// The beta* = 5 cm operating optics: quadrupole and solenoid settings fitted (by
/// <see cref="MonitorOptics"/> targets) to the facility's model optics at the 23 monitor points, on
/// the design geometry. Quadrants 1 and 4, and 2 and 3, share settings (the published optics is
/// mirror-symmetric about the IP-IP axis to 1e-4).
/// </summary>
public static class OperatingFit
{
    public static readonly QuadrantStrengths Quadrant1 = RingDesign.DesignQuads;
    public static readonly QuadrantStrengths Quadrant2 = RingDesign.DesignQuads;
    public const double MainField = 13.0;
    public const double EnergyEv = 1e9;

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
