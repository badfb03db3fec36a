namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The methods simulated here. The names are those of the control system's <c>CalibrationMethod</c>,
/// so an adapter there maps one onto the other by name (Machine must not depend on Control).
/// </summary>
public enum CalibrationKind
{
    PhiMesonMass,
    ResonantDepolarization,
}

/// <summary>
/// What a calibration procedure hands to the operator's calibration table, field by field the shape
/// of <c>EnergyCalibrationEntry</c>: the reference (true) beam energy the method found, its standard
/// uncertainty, and the NMR (nominal) energy read at the same time; plus the fit's chi2 and degrees
/// of freedom, so that a bad fit can be refused before it is entered.
/// </summary>
public sealed record CalibrationOutcome(
    CalibrationKind Method,
    double ReferenceEnergyEv,
    double ReferenceUncertaintyEv,
    double NmrEnergyEv,
    double Chi2,
    int DegreesOfFreedom)
{
    /// <summary>Relative offset of the NMR scale, k = E_ref / E_nmr - 1 (as the calibration table defines it).</summary>
    public double Offset => ReferenceEnergyEv / NmrEnergyEv - 1;

    public double OffsetUncertainty => ReferenceUncertaintyEv / NmrEnergyEv;
}
