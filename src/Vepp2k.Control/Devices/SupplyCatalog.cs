using Vepp2k.Control.Data;

namespace Vepp2k.Control.Devices;

/// <summary>The VEPP-2000 supply classes from the embedded <c>Data/supplies.json</c>.</summary>
public static class SupplyCatalog
{
    public const string Dipole = "dipole";
    public const string Quadrupole = "quadrupole";
    public const string Solenoid = "solenoid";
    public const string Corrector = "corrector";

    private static readonly string[] NumericKeys =
    [
        "maxCurrent", "maxVoltage", "maxRampRate", "stabilityPpm", "loadInductance",
        "loadResistance", "switchOnTime", "polarityRelayTime", "zeroCurrentThreshold",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, SupplyParameters>> Classes = new(Load);

    public static IReadOnlyDictionary<string, SupplyParameters> All => Classes.Value;

    public static SupplyParameters Get(string className) =>
        All.TryGetValue(className, out var p) ? p : throw new KeyNotFoundException($"No supply class '{className}'.");

    private static IReadOnlyDictionary<string, SupplyParameters> Load()
    {
        using var doc = EmbeddedData.Open("supplies.json");
        var result = new Dictionary<string, SupplyParameters>();
        foreach (var cls in doc.RootElement.GetProperty("classes").EnumerateObject())
        {
            var v = NumericKeys.ToDictionary(k => k, k => EmbeddedData.ReadValue(cls.Value, k));
            var p = new SupplyParameters
            {
                ClassName = cls.Name,
                Description = cls.Value.GetProperty("description").GetString() ?? "",
                Bipolar = cls.Value.GetProperty("bipolar").GetBoolean(),
                MaxCurrent = v["maxCurrent"].Value,
                MaxVoltage = v["maxVoltage"].Value,
                MaxRampRate = v["maxRampRate"].Value,
                StabilityPpm = v["stabilityPpm"].Value,
                LoadInductance = v["loadInductance"].Value,
                LoadResistance = v["loadResistance"].Value,
                SwitchOnTime = v["switchOnTime"].Value,
                PolarityRelayTime = v["polarityRelayTime"].Value,
                ZeroCurrentThreshold = v["zeroCurrentThreshold"].Value,
                Sources = v,
            };
            p.Validate();
            result.Add(cls.Name, p);
        }
        return result;
    }
}
