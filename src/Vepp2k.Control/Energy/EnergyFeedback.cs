using System.Globalization;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>What the feedback decided: a new dipole current setpoint [A], or hold, with the reason.</summary>
public readonly record struct FeedbackStep(bool Acts, double CurrentSetpoint, string Reason);

/// <summary>
/// Holds the calibrated beam energy at a setpoint by trimming the main dipole supply (VEPP/PS/SetCur).
/// Pure logic, one call per new energy measurement; the caller owns the timing.
/// <para>
/// Each step: the measured-to-target ratio r = E_set / E_meas is carried onto the dipole model, so the
/// current that would give the target is I* = I_model(E_model(I) r) (MagnetCatalogue.DipoleCurrent of
/// BeamEnergy, which includes the iron saturation); a calibration offset is a scale factor, so it cancels
/// in r. The new setpoint is I + g (I* - I), the change clamped to +-MaxStep. With 0 &lt; g &lt; 1 the error
/// shrinks by (1 - g) per step on a plant the model describes, so it approaches the target from one side
/// and never overshoots; a plant up to 1/g times as steep as the model (twice at g = 0.5) still converges
/// without overshoot (the error factor per step is 1 - g s for a slope ratio s).
/// MaxStep bounds what one noisy or wrong reading can do to the beam.
/// </para>
/// It holds (does nothing) when the energy is unavailable, when the error is within the statistical
/// uncertainty of the measurement (chasing noise only adds noise), or when the target or the current
/// is outside the machine's range.
/// </summary>
public sealed class EnergyFeedback
{
    private readonly MagnetCatalogue catalogue;

    /// <param name="gain">Fraction of the computed correction applied per step, 0 &lt; g &lt; 1.</param>
    /// <param name="maxStep">Largest current change per step [A]; 2 A is about 2e-4 of the 1 GeV current
    /// (roughly 200 keV), a fraction of the 7e-4 beam energy spread (assumed operating choice).</param>
    public EnergyFeedback(MagnetCatalogue catalogue, double gain = 0.5, double maxStep = 2.0)
    {
        if (!(gain > 0 && gain < 1)) throw new ArgumentOutOfRangeException(nameof(gain), gain, "feedback gain must lie in (0, 1)");
        if (!(maxStep > 0) || double.IsInfinity(maxStep)) throw new ArgumentOutOfRangeException(nameof(maxStep), maxStep, "step limit must be a positive number of amperes");
        this.catalogue = catalogue;
        Gain = gain;
        MaxStep = maxStep;
    }

    public double Gain { get; }
    public double MaxStep { get; }

    /// <param name="targetEnergyEv">Energy setpoint (VEPP/Energy/SetE) [eV], calibrated scale.</param>
    /// <param name="measured">The latest <see cref="EnergyMeter"/> result.</param>
    /// <param name="dipoleCurrent">The main supply's present setpoint [A].</param>
    public FeedbackStep Next(double targetEnergyEv, EnergyResult measured, double dipoleCurrent)
    {
        if (!(targetEnergyEv >= BeamEnergyRange.MinEv && targetEnergyEv <= BeamEnergyRange.MaxEv))
            return Hold(dipoleCurrent, $"target {Mev(targetEnergyEv)} MeV is outside 160 .. 1000 MeV");
        if (measured is not EnergyMeasured m)
            return Hold(dipoleCurrent, "energy unavailable, feedback holds: " + ((EnergyUnavailable)measured).Reason);
        double error = targetEnergyEv - m.EnergyEv;
        if (Math.Abs(error) <= m.StatisticalUncertaintyEv)
            return Hold(dipoleCurrent, $"on target: error {Mev(error)} MeV is within the measurement noise {Mev(m.StatisticalUncertaintyEv)} MeV");
        double wanted;
        try
        {
            wanted = catalogue.DipoleCurrent(catalogue.BeamEnergy(dipoleCurrent) * (targetEnergyEv / m.EnergyEv));
        }
        catch (ArgumentOutOfRangeException e)
        {
            return Hold(dipoleCurrent, "outside the dipole model: " + e.Message);
        }
        double step = Math.Clamp(Gain * (wanted - dipoleCurrent), -MaxStep, MaxStep);
        return new FeedbackStep(true, dipoleCurrent + step, string.Create(CultureInfo.InvariantCulture,
            $"error {Mev(error)} MeV: dipole current {dipoleCurrent:F3} -> {dipoleCurrent + step:F3} A"));
    }

    private static FeedbackStep Hold(double current, string reason) => new(false, current, reason);

    private static string Mev(double ev) => (ev / 1e6).ToString("G6", CultureInfo.InvariantCulture);
}
