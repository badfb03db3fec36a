namespace Vepp2k.Control.Energy;

/// <summary>How the reference energy of a calibration was obtained.</summary>
public enum CalibrationMethod
{
    /// <summary>Scan across the phi(1020): the fitted peak gives E = M_phi / 2 (about 510 MeV).</summary>
    PhiMesonMass,

    /// <summary>Spin-tune measurement by resonant depolarisation (E = 440.64846 MeV x nu); VEPP-2000 used it at 750 MeV.</summary>
    ResonantDepolarization,

    /// <summary>BEMS: the Compton edge of laser photons backscattered on the beam (systematic 6e-5).</summary>
    ComptonBackscattering,
}

/// <summary>
/// One calibration as an operator enters it: the reference energy a method gave, and the NMR energy
/// (uncorrected, <see cref="EnergyMeasured.NmrEnergyEv"/>) read at the same time.
/// </summary>
public sealed record EnergyCalibrationEntry(
    CalibrationMethod Method,
    double ReferenceEnergyEv,
    double ReferenceUncertaintyEv,
    double NmrEnergyEv,
    string Author,
    DateTimeOffset Time,
    string Note = "")
{
    /// <summary>Relative offset k = E_ref / E_nmr - 1 of the NMR scale at this energy.</summary>
    public double Offset => ReferenceEnergyEv / NmrEnergyEv - 1;

    /// <summary>Standard uncertainty of <see cref="Offset"/>: sigma_ref / E_nmr.</summary>
    public double OffsetUncertainty => ReferenceUncertaintyEv / NmrEnergyEv;
}

/// <summary>The phi-meson reference point (beam-physics.md 4.2).</summary>
public static class PhiMeson
{
    /// <summary>PDG M_phi = 1019.461 +- 0.016 MeV (pdglive M004M, 2018-2022 average).</summary>
    public const double MassEv = 1019.461e6;
    public const double MassUncertaintyEv = 0.016e6;

    /// <summary>Beam energy at the peak, M_phi / 2 = 509.7305 MeV.</summary>
    public const double BeamEnergyEv = MassEv / 2;
    public const double BeamEnergyUncertaintyEv = MassUncertaintyEv / 2;
}
