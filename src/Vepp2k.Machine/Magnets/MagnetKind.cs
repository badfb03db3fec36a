namespace Vepp2k.Machine.Magnets;

/// <summary>What a catalogue entry is physically; fixes its field and strength units.</summary>
public enum MagnetKind
{
    /// <summary>Bending magnet: field B [T], strength = bend angle [rad].</summary>
    Dipole,
    /// <summary>Quadrupole: gradient G [T/m], strength K1 [1/m^2].</summary>
    Quadrupole,
    /// <summary>Solenoid section: peak on-axis Bz [T], strength KS = Bz / B rho [1/m].</summary>
    SolenoidSection,
    /// <summary>Horizontal dipole corrector (winding on an F quad): int B dl [T m], kick [rad].</summary>
    HorizontalCorrector,
    /// <summary>Horizontal trim winding on a dipole (X1, X2): int B dl [T m], kick [rad].</summary>
    DipoleTrim,
    /// <summary>Vertical dipole corrector: int B dl [T m], kick [rad].</summary>
    VerticalCorrector,
    /// <summary>Skew-quadrupole winding on a sextupole: skew gradient [T/m], K1s [1/m^2].</summary>
    SkewQuadrupole,
    /// <summary>Sextupole winding: B'' [T/m^2], K2 [1/m^3].</summary>
    Sextupole,
    /// <summary>Trim winding of a quadrupole: extra gradient [T/m], extra K1 [1/m^2].</summary>
    QuadrupoleTrim,
}

/// <summary>Display units of the field and strength of each kind.</summary>
public static class MagnetUnits
{
    public static string Field(MagnetKind kind) => kind switch
    {
        MagnetKind.Dipole or MagnetKind.SolenoidSection => "T",
        MagnetKind.Quadrupole or MagnetKind.SkewQuadrupole or MagnetKind.QuadrupoleTrim => "T/m",
        MagnetKind.Sextupole => "T/m^2",
        _ => "T m",
    };

    public static string Strength(MagnetKind kind) => kind switch
    {
        MagnetKind.Dipole => "rad",
        MagnetKind.Quadrupole or MagnetKind.SkewQuadrupole or MagnetKind.QuadrupoleTrim => "1/m^2",
        MagnetKind.SolenoidSection => "1/m",
        MagnetKind.Sextupole => "1/m^3",
        _ => "rad",
    };
}
