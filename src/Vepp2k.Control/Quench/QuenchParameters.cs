using Vepp2k.Control.Data;

namespace Vepp2k.Control.Quench;

/// <summary>One section of a final-focus solenoid and the current at which its conductor quenches.</summary>
public sealed record SectionParameters(string Name, double CriticalCurrent);

/// <summary>Quench detection and energy extraction settings, SI units (from <c>Data/quench.json</c>).</summary>
public sealed record QuenchParameters
{
    /// <summary>Resistive voltage that starts the validation timer [V].</summary>
    public required double DetectionThreshold { get; init; }
    /// <summary>How long the voltage must stay above threshold before the quench is declared [s].</summary>
    public required double ValidationTime { get; init; }
    /// <summary>Detector sampling period, also the integration step of the solenoid model [s].</summary>
    public required double SamplePeriod { get; init; }
    /// <summary>Delay from detection to the dump switch opening and the supplies going off [s].</summary>
    public required double SwitchDelay { get; init; }
    public required double DumpResistance { get; init; }
    /// <summary>dR_q/dt of the normal zone [Ohm/s].</summary>
    public required double NormalZoneGrowthRate { get; init; }
    public required double NormalZoneMaxResistance { get; init; }
    /// <summary>Dump current below which protection releases the OutputProtection interlock [A].</summary>
    public required double ReleaseCurrent { get; init; }
    public required IReadOnlyList<SectionParameters> Sections { get; init; }

    public static QuenchParameters Load()
    {
        using var doc = EmbeddedData.Open("quench.json");
        var root = doc.RootElement;
        double V(string key) => EmbeddedData.ReadValue(root, key).Value;
        return new QuenchParameters
        {
            DetectionThreshold = V("detectionThreshold"),
            ValidationTime = V("validationTime"),
            SamplePeriod = V("samplePeriod"),
            SwitchDelay = V("switchDelay"),
            DumpResistance = V("dumpResistance"),
            NormalZoneGrowthRate = V("normalZoneGrowthRate"),
            NormalZoneMaxResistance = V("normalZoneMaxResistance"),
            ReleaseCurrent = V("releaseCurrent"),
            Sections = root.GetProperty("sections").EnumerateArray()
                .Select(s => new SectionParameters(
                    s.GetProperty("name").GetString() ?? "",
                    EmbeddedData.ReadValue(s, "criticalCurrent").Value))
                .ToList(),
        };
    }
}
