namespace Vepp2k.Control.Energy;

/// <summary>A probe left out of the average, and why (not locked, no field, outlier by how much).</summary>
public sealed record ProbeRejection(string Probe, string Reason);

/// <summary>
/// What one evaluation of the NMR probes gives: a measured energy or the statement that there is none.
/// Both carry the probes used and those rejected, so an operator sees the same list either way.
/// </summary>
public abstract record EnergyResult(IReadOnlyList<string> ProbesUsed, IReadOnlyList<ProbeRejection> ProbesRejected);

/// <param name="EnergyEv">Calibrated total beam energy [eV].</param>
/// <param name="UncertaintyEv">Standard uncertainty [eV]: probe scatter, probe accuracy and calibration combined.</param>
/// <param name="StatisticalUncertaintyEv">The part of it from the probe scatter alone, beta^2 E s / (B sqrt n) [eV]:
/// what averaging more probes or readings reduces, and the noise level a feedback should not chase.</param>
/// <param name="AverageField">Mean field of the accepted probes [T].</param>
/// <param name="NmrEnergyEv">Energy from the mean field before calibration [eV] (what a calibration entry records).</param>
/// <param name="Correction">The calibration applied at <paramref name="NmrEnergyEv"/>.</param>
public sealed record EnergyMeasured(
    double EnergyEv, double UncertaintyEv, double StatisticalUncertaintyEv, double AverageField, double NmrEnergyEv, EnergyCorrection Correction,
    IReadOnlyList<string> ProbesUsed, IReadOnlyList<ProbeRejection> ProbesRejected)
    : EnergyResult(ProbesUsed, ProbesRejected);

/// <summary>No energy: too few probes survived (the reason says how many and why).</summary>
public sealed record EnergyUnavailable(string Reason, IReadOnlyList<string> ProbesUsed, IReadOnlyList<ProbeRejection> ProbesRejected)
    : EnergyResult(ProbesUsed, ProbesRejected);
