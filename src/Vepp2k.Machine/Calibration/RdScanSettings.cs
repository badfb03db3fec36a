using Vepp2k.Machine.Ring;

namespace Vepp2k.Machine.Calibration;

/// <summary>
/// One simulated resonant-depolarisation run: the machine (true energy = NMR energy x (1 + offset)),
/// the self-polarisation before the scan, the depolariser sweep and the Touschek polarimeter.
/// Defaults are the 750 MeV calibration point of the abstract; the polarimeter numbers are assumed
/// (see docs/calibration.md), not published VEPP-2000 values.
/// </summary>
public sealed record RdScanSettings
{
    /// <summary>NMR (nominal) beam energy [eV]: what the operator believes and centres the scan on.</summary>
    public double NominalEnergyEv { get; init; } = 750e6;

    /// <summary>True relative offset k of the NMR scale: E_true = E_nmr (1 + k).</summary>
    public double TrueOffset { get; init; } = 1e-4;

    /// <summary>Time [s] the beam self-polarises at the energy before the scan starts.</summary>
    public double BuildUpTime { get; init; } = 7200;

    /// <summary>Half-width of the scan window in relative energy around the NMR energy (must exceed the NMR scale error).</summary>
    public double WindowRelative { get; init; } = 2e-4;

    /// <summary>Depolariser sweep rate [Hz/s].</summary>
    public double SweepRate { get; init; } = 10;

    /// <summary>Counter gate [s]: one rate point per gate.</summary>
    public double BinTime { get; init; } = 1;

    /// <summary>Touschek counting rate [1/s] of one unpolarised bunch at the start of the scan.</summary>
    public double UnpolarizedRate { get; init; } = 2e4;

    /// <summary>
    /// delta in rate = R0 (1 - delta P^2): the relative drop of the intra-beam (Touschek) loss rate of a
    /// fully polarised bunch. The Moller cross-section's spin term makes it a few percent at
    /// VEPP-2000 energies; 3 % is assumed.
    /// </summary>
    public double AnalyzingPower { get; init; } = 0.03;

    /// <summary>Beam lifetime [s]: both bunches decay; the ratio of their rates cancels it.</summary>
    public double BeamLifetime { get; init; } = 3600;

    /// <summary>rms relative energy jitter at the moment of crossing (supply ripple, drift), drawn once per run.</summary>
    public double EnergyJitter { get; init; } = 3e-7;

    public double Circumference { get; init; } = RingGeometry.Circumference;
    public double BendRadius { get; init; } = RingGeometry.BendRadius;

    public double TrueEnergyEv => NominalEnergyEv * (1 + TrueOffset);
}
