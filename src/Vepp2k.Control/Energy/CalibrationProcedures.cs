using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Calibration;

namespace Vepp2k.Control.Energy;

/// <summary>The result of a calibration procedure run on the machine: what it found, and whether it was entered.</summary>
public sealed record ProcedureResult(WriteResult Result, CalibrationOutcome? Outcome, double? NmrEnergyEv);

/// <summary>
/// An NMR measurement and the simulated beam's true energy taken in the same device-loop period.
/// The procedures need both at one instant: the supplies keep moving between periods (a ramp's last
/// step, the RL load settling), and a true energy read later than the probes would put the RD
/// resonance outside a window centred on a stale NMR energy.
/// </summary>
public sealed record NmrAndBeam(EnergyResult Nmr, double TrueBeamEnergyEv);

/// <summary>
/// The two calibration procedures run on the simulated machine, feeding the calibration table:
/// resonant depolarisation at whatever energy the machine is at, and the phi-meson scan with the
/// machine near the phi (M/2 = 509.73 MeV). The beam's true energy comes from the simulator (its
/// hidden NMR scale error, <see cref="SimulatedHardware.NmrScaleError"/>), the NMR energy from the
/// probes as the control system reads them; the procedure (src/Vepp2k.Machine/Calibration) has to
/// find the difference. On real hardware there is no simulated beam: the facility's own
/// measurement is entered with `energy calibrate`.
/// </summary>
public sealed class CalibrationProcedures(ControlCore core, CalibrationEntryOperation entry, SimulatedHardware? simulator, Func<NmrAndBeam?> latest)
{
    /// <summary>Relative half-width of the RD scan around the NMR energy: it must hold the NMR scale error (3e-4 simulated).</summary>
    public const double RdWindow = 5e-4;

    /// <summary>How close to the phi the machine must be for the phi scan (relative to M/2).</summary>
    public const double PhiProximity = 0.01;

    public ProcedureResult Run(WriteContext who, CalibrationMethod method, int seed, bool enterIntoTable)
    {
        string subject = CalibrationEntryOperation.Subject, action = $"calibration procedure {method}";
        if (core.Authorize(who, subject, "run calibrations") is { } denied) return new(denied, null, null);
        if (simulator is null)
            return Refused(who, action, "the procedures are simulated and this server drives real hardware: enter the facility's measurement with energy calibrate");
        if (latest() is not { Nmr: EnergyMeasured measured } now) return Refused(who, action, "no NMR energy now");
        double nmr = measured.NmrEnergyEv, offset = now.TrueBeamEnergyEv / nmr - 1;
        CalibrationOutcome outcome;
        try
        {
            switch (method)
            {
                case CalibrationMethod.ResonantDepolarization:
                    outcome = ResonantDepolarization.Run(new RdScanSettings { NominalEnergyEv = nmr, TrueOffset = offset, WindowRelative = RdWindow }, seed).Outcome;
                    break;
                case CalibrationMethod.PhiMesonMass:
                    if (Math.Abs(nmr / (PhiResonance.MassEv / 2) - 1) > PhiProximity)
                        return Refused(who, action, F($"the machine is at {nmr / 1e6:F3} MeV; set it near the phi first (vepp2k energy set 509.7)"));
                    outcome = PhiCalibration.Run(new PhiScanSettings { TrueOffset = offset }, seed).Outcome;
                    break;
                default:
                    return Refused(who, action, $"{method} has no simulated procedure; enter its result with energy calibrate");
            }
        }
        catch (InvalidOperationException e)
        {
            return Refused(who, action, e.Message);
        }
        string found = F($"E = {outcome.ReferenceEnergyEv / 1e6:F5} +- {outcome.ReferenceUncertaintyEv / 1e6:F5} MeV at NMR {outcome.NmrEnergyEv / 1e6:F5} MeV, chi2 {outcome.Chi2:F1}/{outcome.DegreesOfFreedom}");
        if (!enterIntoTable)
        {
            core.Journal.Log(EventKind.Operator, who.User, subject, $"{action} via {who.Origin} (not entered)", null, found, "applied");
            return new(WriteResult.Ok(found), outcome, nmr);
        }
        var result = entry.Enter(who, method, outcome.ReferenceEnergyEv, outcome.ReferenceUncertaintyEv, outcome.NmrEnergyEv, $"simulated {method}, seed {seed}: {found}");
        return new(result.Applied ? WriteResult.Ok($"{found}; entered: {result.Message}") : result, outcome, nmr);
    }

    private ProcedureResult Refused(WriteContext who, string action, string reason)
    {
        core.Journal.Log(EventKind.Operator, who.User, CalibrationEntryOperation.Subject, $"{action} refused via {who.Origin}", result: "refused: " + reason);
        return new(WriteResult.Refused(reason), null, null);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
