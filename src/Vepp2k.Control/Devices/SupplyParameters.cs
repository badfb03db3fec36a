using Vepp2k.Control.Data;

namespace Vepp2k.Control.Devices;

/// <summary>Ratings of one supply class and the R-L load it drives. SI units throughout.</summary>
public sealed record SupplyParameters
{
    public required string ClassName { get; init; }
    public required string Description { get; init; }
    public required bool Bipolar { get; init; }
    /// <summary>Full-scale current [A]; bipolar supplies cover -MaxCurrent..+MaxCurrent.</summary>
    public required double MaxCurrent { get; init; }
    /// <summary>Output voltage limit [V], both signs (the rectifier can invert to ramp down).</summary>
    public required double MaxVoltage { get; init; }
    /// <summary>dI/dt limit of the ramp generator [A/s].</summary>
    public required double MaxRampRate { get; init; }
    /// <summary>Readback noise, rms, in ppm of full scale.</summary>
    public required double StabilityPpm { get; init; }
    public required double LoadInductance { get; init; }
    public required double LoadResistance { get; init; }
    public required double SwitchOnTime { get; init; }
    public required double PolarityRelayTime { get; init; }
    /// <summary>|I| below this counts as zero: switch-off completes, the reversing switch may move.</summary>
    public required double ZeroCurrentThreshold { get; init; }
    /// <summary>Each numeric value from the data file with its unit and provenance.</summary>
    public required IReadOnlyDictionary<string, DataValue> Sources { get; init; }

    /// <summary>Readback noise rms [A].</summary>
    public double NoiseRms => StabilityPpm * 1e-6 * MaxCurrent;

    /// <summary>Throws when the load cannot be driven to full current, which would make ramps never finish.</summary>
    public void Validate()
    {
        if (MaxCurrent <= 0 || MaxVoltage <= 0 || MaxRampRate <= 0 || LoadInductance <= 0 || LoadResistance <= 0)
            throw new ArgumentException($"{ClassName}: ratings and load must be positive.");
        if (LoadResistance * MaxCurrent >= MaxVoltage)
            throw new ArgumentException($"{ClassName}: R*Imax = {LoadResistance * MaxCurrent} V reaches the {MaxVoltage} V limit; full current is unreachable.");
    }
}
