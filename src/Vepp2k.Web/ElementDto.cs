using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Web;

/// <summary>One powered element as the console's element panel shows it.</summary>
public sealed record ElementDto(
    string Name, string Path, string Subsystem, string Kind, int Quadrant, string SetpointChannel, double Setpoint, double RampedSetpoint,
    double Current1, double Current2, double Voltage, string State, string LatchedInterlocks, string LiveInterlocks,
    string StrengthName, string StrengthUnit, double Strength, double MinCurrent, double MaxCurrent)
{
    public static ElementDto From(PoweredElement e, ControlCore core)
    {
        var s = e.Supply;
        return new ElementDto(e.Name, e.Path, e.Subsystem, e.Model.Kind.ToString(), e.Model.Quadrant, e.SetpointChannel, e.Request, s.RampedSetpoint,
            s.Dcct1, s.Dcct2, s.OutputVoltage, s.State.ToString(), s.LatchedInterlocks.ToString(), s.LiveInterlocks.ToString(),
            e.StrengthName, e.Model.StrengthUnit, core.StrengthOf(e, e.Request), e.Model.MinCurrent, e.Model.MaxCurrent);
    }
}

/// <summary>A ramp as listed: where it is and why it stopped.</summary>
public sealed record RampDto(long Id, string Description, string User, string State, double Fraction, double DurationSeconds,
    DateTimeOffset Started, string Where, string StopReason, double? FromMeV = null, double? ToMeV = null, double? EnergyMeV = null)
{
    public static RampDto From(Ramp r) =>
        new(r.Id, r.Description, r.User, r.State.ToString(), r.Fraction, r.Duration.TotalSeconds, r.Started, r.Where(), r.StopReason,
            r.Energy?.FromEv / 1e6, r.Energy?.ToEv / 1e6, r.EnergyNowEv / 1e6);
}
