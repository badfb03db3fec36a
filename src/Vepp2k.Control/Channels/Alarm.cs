namespace Vepp2k.Control.Channels;

/// <summary>EPICS alarm severities (menuAlarmSevr), in the same order so they go on the wire unchanged.</summary>
public enum AlarmSeverity { NoAlarm = 0, Minor = 1, Major = 2, Invalid = 3 }

/// <summary>EPICS alarm conditions (menuAlarmStat), in the same order as the CA wire codes.</summary>
public enum AlarmStatus
{
    NoAlarm = 0, Read, Write, HiHi, High, LoLo, Low, State, Cos, Comm, Timeout, HwLimit, Calc, Scan, Link, Soft,
    BadSub, Udf, Disable, Simm, ReadAccess, WriteAccess,
}

/// <summary>
/// Analog alarm limits as in an EPICS ai record: HIHI/HIGH/LOW/LOLO with their severities and a
/// hysteresis HYST (an alarm is left only when the value is HYST back inside the limit, so a
/// value dithering on a limit does not flood the log). A NaN limit is off.
/// </summary>
public sealed record AlarmLimits(
    double HiHi = double.NaN, double High = double.NaN, double Low = double.NaN, double LoLo = double.NaN,
    AlarmSeverity HiHiSeverity = AlarmSeverity.Major, AlarmSeverity HighSeverity = AlarmSeverity.Minor,
    AlarmSeverity LowSeverity = AlarmSeverity.Minor, AlarmSeverity LoLoSeverity = AlarmSeverity.Major,
    double Hysteresis = 0)
{
    public static readonly AlarmLimits None = new();

    /// <summary>
    /// The alarm for <paramref name="value"/>, given the limit that was last in alarm (EPICS LALM):
    /// a limit stays in alarm until the value is back by more than the hysteresis.
    /// Returns the status, severity and the limit now in alarm (NaN when none).
    /// </summary>
    public (AlarmStatus Status, AlarmSeverity Severity, double Limit) Evaluate(double value, double lastLimit)
    {
        if (double.IsNaN(value)) return (AlarmStatus.Udf, AlarmSeverity.Invalid, double.NaN);
        if (Above(value, HiHi, lastLimit)) return (AlarmStatus.HiHi, HiHiSeverity, HiHi);
        if (Below(value, LoLo, lastLimit)) return (AlarmStatus.LoLo, LoLoSeverity, LoLo);
        if (Above(value, High, lastLimit)) return (AlarmStatus.High, HighSeverity, High);
        if (Below(value, Low, lastLimit)) return (AlarmStatus.Low, LowSeverity, Low);
        return (AlarmStatus.NoAlarm, AlarmSeverity.NoAlarm, double.NaN);
    }

    private bool Above(double value, double limit, double last) =>
        !double.IsNaN(limit) && (value >= limit || (last.Equals(limit) && value > limit - Hysteresis));

    private bool Below(double value, double limit, double last) =>
        !double.IsNaN(limit) && (value <= limit || (last.Equals(limit) && value < limit + Hysteresis));
}
