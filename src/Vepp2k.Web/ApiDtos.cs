using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;

namespace Vepp2k.Web;

/// <summary>A channel as the API shows it: value (number, string or array), time, alarm, and its spec when asked.</summary>
public sealed record ChannelDto(
    string Path, string Pv, object? Value, DateTimeOffset Time, string Status, string Severity, string Units,
    string Access, string Type, string? Description = null, int? Precision = null, double? DisplayLow = null,
    double? DisplayHigh = null, double? DriveLow = null, double? DriveHigh = null, IReadOnlyList<string>? Labels = null,
    string? Subsystem = null, string Unacknowledged = "NoAlarm", bool? Setting = null)
{
    public static ChannelDto From(ChannelUpdate u, bool full)
    {
        var s = u.Channel.Spec;
        static double? Finite(double x) => double.IsFinite(x) ? x : null;
        return new ChannelDto(s.Path, s.PvName, ValueOf(u.Value), u.Time, u.Status.ToString(), u.Severity.ToString(), s.Units,
            s.Access == ChannelAccess.ReadWrite ? "rw" : "ro", s.Type.ToString(),
            full ? s.Description : null, full ? s.Precision : null, full ? Finite(s.DisplayLow) : null, full ? Finite(s.DisplayHigh) : null,
            full ? Finite(s.DriveLow) : null, full ? Finite(s.DriveHigh) : null, full && s.EnumLabels.Count > 0 ? s.EnumLabels : null,
            full && s.Subsystem.Length > 0 ? s.Subsystem : null, u.Channel.Unacknowledged.ToString(), full ? s.IsSetting : null);
    }

    public static object? ValueOf(ChannelValue v) => v.Type switch
    {
        ChannelType.String => v.Text,
        ChannelType.DoubleArray => v.Array.ToArray(),
        _ => double.IsFinite(v.Number) ? v.Number : null,
    };
}

/// <summary>
/// The beam energy as the API shows it: the measured energy itself (MeV) with its uncertainty, the
/// NMR energy and the calibration applied, or why there is none; the probes either way; the energy
/// the strengths refer to; and the calibration entries.
/// </summary>
public sealed record EnergyDto(
    double? EnergyMeV, double? UncertaintyMeV, double? StatisticalUncertaintyMeV, double? NmrMeV, double? AverageFieldT,
    EnergyCorrection? Correction, string? Unavailable, IReadOnlyList<string> ProbesUsed, IReadOnlyList<ProbeRejection> ProbesRejected,
    double SetEnergyMeV, IReadOnlyList<EnergyCalibrationEntry> Calibration)
{
    public static EnergyDto From(EnergyResult? latest, double setEnergyEv, IReadOnlyList<EnergyCalibrationEntry> calibration) => latest switch
    {
        EnergyMeasured m => new(m.EnergyEv / 1e6, m.UncertaintyEv / 1e6, m.StatisticalUncertaintyEv / 1e6, m.NmrEnergyEv / 1e6, m.AverageField,
            m.Correction, null, m.ProbesUsed, m.ProbesRejected, setEnergyEv / 1e6, calibration),
        EnergyUnavailable u => new(null, null, null, null, null, null, u.Reason, u.ProbesUsed, u.ProbesRejected, setEnergyEv / 1e6, calibration),
        _ => new(null, null, null, null, null, null, "no NMR reading yet (or this server does not serve the dipoles)", [], [], setEnergyEv / 1e6, calibration),
    };
}

/// <summary>An applied write or command and what it did; a refusal is a problem (409) instead.</summary>
public sealed record OutcomeDto(bool Applied, string Message);

/// <summary>The signed-in caller.</summary>
public sealed record WhoAmIDto(string User, string Role);

/// <summary>An accepted set or group operation: its ramp, each element's move, and the arrival report when waited for.</summary>
public sealed record OperationDto(bool Applied, string Message, long? RampId, IReadOnlyList<Control.Operations.OperationItem> Items,
    Control.Operations.ArrivalReport? Arrival);

/// <summary>A write: a number, or text (a number in text, or an enum label), and the confirmation some operations need.</summary>
public sealed record WriteRequest(System.Text.Json.JsonElement Value, bool Confirm = false);

public sealed record SignInRequest(string User, string Password);

public sealed record SetRequest(IReadOnlyList<SetTarget> Targets, string Units = "hardware", bool Wait = false, double Tolerance = 0.05, double TimeoutSeconds = 60);

public sealed record SetTarget(string Element, double Value);

/// <summary>The standardisation cycle of the iron magnets; confirm = true because it loses any beam.</summary>
public sealed record StandardiseRequest(int Cycles = 2, bool Confirm = false, bool Wait = false, double Tolerance = 0.05, double TimeoutSeconds = 60);

/// <summary>
/// An energy scan: the energies in order, the dwell at each, the fastest energy change; standardise = true
/// standardises the iron magnets before the first point and where the scan turns back (confirm = true: any beam is lost).
/// </summary>
public sealed record ScanRequest(IReadOnlyList<double> EnergiesMeV, double DwellSeconds,
    double RateMeVPerSecond = Control.Operations.ControlCore.DefaultEnergyRateEvPerSecond / 1e6, bool Standardise = false, bool Confirm = false);

/// <summary>A scan as the API shows it.</summary>
public sealed record ScanDto(long Id, string User, string State, int Point, IReadOnlyList<double> EnergiesMeV, double DwellSeconds, long? RampId,
    bool Standardise, string Where)
{
    public static ScanDto From(Control.Energy.EnergyScan s) =>
        new(s.Id, s.User, s.State.ToString(), s.Index + 1, [.. s.EnergiesEv.Select(e => e / 1e6)], s.Dwell.TotalSeconds, s.RampId, s.Standardise, s.Where());
}

/// <summary>A request to move the machine to another beam energy, every strength kept; wait=true answers when every supply has arrived.</summary>
public sealed record EnergyRequest(double EnergyMeV, double RateMeVPerSecond = Control.Operations.ControlCore.DefaultEnergyRateEvPerSecond / 1e6,
    bool Wait = false, double Tolerance = 0.05, double TimeoutSeconds = 60);

public sealed record GroupRequest(string Operation, double Value, string Units = "hardware", bool Wait = false, double Tolerance = 0.05, double TimeoutSeconds = 60);

public sealed record GroupDefinition(string Name, IReadOnlyList<string> Members);

public sealed record SwitchRequest(bool On, bool Confirm = false);

public sealed record SaveRequest(string Name, string Comment = "", IReadOnlyList<string>? Tags = null);

public sealed record RestoreRequest(int? Version = null, string? Subsystems = null, double Tolerance = 0, double TimeoutSeconds = 120);

public sealed record CalibrationRequest(string Method, double ReferenceMeV, double UncertaintyMeV, double? NmrMeV = null, string Note = "");

public sealed record UserRequest(string Name, string Role, string Password);
