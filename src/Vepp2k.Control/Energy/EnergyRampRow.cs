namespace Vepp2k.Control.Energy;

/// <summary>
/// What the energy-ramp guard saw at one check (once per model period) of a running energy ramp.
/// </summary>
/// <param name="TimeS">Seconds since the ramp started [s].</param>
/// <param name="Fraction">How far along the ramp's table the setpoints are, 0..1.</param>
/// <param name="SetEnergyEv">The energy every setpoint is at [eV].</param>
/// <param name="ReadbackEnergyEv">The energy of the dipoles' current readback [eV]: what the model is evaluated at.</param>
/// <param name="NmrEnergyEv">The calibrated NMR energy [eV]; NaN when the probes give none.</param>
/// <param name="Model">The online model from the readbacks.</param>
/// <param name="BeamTunes">The simulated beam's fractional tunes as the tune meter reads them; NaN without a beam.</param>
/// <param name="OrbitRmsX">Rms of the horizontal orbit at the 20 monitors [m]; NaN without a beam.</param>
/// <param name="OrbitRmsZ">Rms of the vertical orbit at the 20 monitors [m]; NaN without a beam.</param>
/// <param name="ElectronCurrent">Electron bunch current [A]; NaN without a beam simulation.</param>
/// <param name="PositronCurrent">Positron bunch current [A]; NaN without a beam simulation.</param>
public sealed record EnergyRampRow(
    double TimeS, double Fraction, double SetEnergyEv, double ReadbackEnergyEv, double NmrEnergyEv, RampOptics Model,
    IReadOnlyList<double> BeamTunes, double OrbitRmsX, double OrbitRmsZ, double ElectronCurrent, double PositronCurrent);

/// <summary>A recorded node beside the optics a proportional scaling of every current would give at the same energy.</summary>
public sealed record EnergyRampReportRow(EnergyRampRow Node, RampOptics Proportional);

/// <summary>
/// An energy ramp as the guard recorded it: its rows, why it was held (empty when it never was), and where it is now.
/// </summary>
public sealed record EnergyRampReport(long RampId, string Description, string State, string Where, double FromEv, double ToEv,
    IReadOnlyList<string> Holds, IReadOnlyList<EnergyRampReportRow> Rows);
