using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Energy;

/// <summary>
/// Entering a calibration is an operator action like any other: the core's authorization policy,
/// one event whatever the outcome, and the table left as it was on a refusal. Every interface (HTTP
/// today) adapts this one operation.
/// </summary>
/// <param name="nmrEnergyEvNow">The NMR energy measured now, used when the entry does not give its own; null when none.</param>
public sealed class CalibrationEntryOperation(ControlCore core, CalibrationTable table, Func<double?> nmrEnergyEvNow)
{
    public const string Subject = "VEPP/Energy/Calibration";

    /// <summary>Adds a calibration: the reference energy and its uncertainty against the NMR energy it was taken at.</summary>
    /// <exception cref="StorageException">The table could not be written; nothing changed.</exception>
    public WriteResult Enter(WriteContext who, CalibrationMethod method, double referenceEv, double uncertaintyEv, double? nmrEv, string note)
    {
        string action = $"calibration entry {method}";
        if (core.Authorize(who, Subject, "enter calibrations") is { } denied) return denied;
        string proposed = string.Create(CultureInfo.InvariantCulture, $"{referenceEv / 1e6:G9} MeV");
        if ((nmrEv ?? nmrEnergyEvNow()) is not { } nmr) return Refused(who, action, proposed, "no NMR energy now; give the NMR energy of the entry");
        var entry = new EnergyCalibrationEntry(method, referenceEv, uncertaintyEv, nmr, who.User, core.Time.GetUtcNow(), note);
        var result = table.Add(entry);
        if (!result.Accepted) return Refused(who, action, proposed, result.Reason);
        core.Journal.Log(EventKind.Operator, who.User, Subject, $"{action} via {who.Origin}", null, proposed, "applied: " + result.Reason);
        return WriteResult.Ok(result.Reason);
    }

    private WriteResult Refused(WriteContext who, string action, string proposed, string reason)
    {
        core.Journal.Log(EventKind.Operator, who.User, Subject, $"{action} refused via {who.Origin}", null, proposed, "refused: " + reason);
        return WriteResult.Refused(reason);
    }
}
