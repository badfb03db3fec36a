using System.Text.Json;

namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Reads the embedded excitation data files (Data/*.json). Every numeric parameter is an object
/// { value, unit, status, source } whose status says whether it is published, modelled or assumed;
/// an unknown status is refused so the provenance cannot silently go missing.
/// </summary>
internal static class MagnetData
{
    private static readonly string[] Statuses = ["published", "modelled", "assumed"];

    public static JsonElement Load(string file)
    {
        string name = $"Vepp2k.Machine.Data.{file}";
        using var stream = typeof(MagnetData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data file {name} is missing");
        using var doc = JsonDocument.Parse(stream);
        return doc.RootElement.Clone();
    }

    /// <summary>A computed excitation table, Data/computed/<paramref name="file"/> (see <see cref="TableCurve"/>).</summary>
    public static TableCurve ComputedCurve(string file)
    {
        string name = $"Vepp2k.Machine.Data.computed.{file}";
        using var stream = typeof(MagnetData).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded data file {name} is missing");
        using var reader = new StreamReader(stream);
        return TableCurve.Parse($"Data/computed/{file}", reader.ReadToEnd());
    }

    /// <summary>The value of parameter <paramref name="name"/> of an object that holds parameters.</summary>
    public static double Value(JsonElement parameters, string name)
    {
        var p = parameters.GetProperty(name);
        string status = p.GetProperty("status").GetString() ?? "";
        if (!Statuses.Contains(status))
            throw new InvalidDataException($"parameter {name}: status '{status}' is not one of {string.Join(", ", Statuses)}");
        return p.GetProperty("value").GetDouble();
    }

    public static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new InvalidDataException($"{name} must be a string");

    /// <summary>The circuit and remanence of one iron-magnet type (dipole: gap; quadrupole: bore radius).</summary>
    public static IronCircuitCurve IronCurve(JsonElement parameters, bool quadrupole)
    {
        double g, t;
        if (quadrupole)
        {
            double r = Value(parameters, "boreRadius");
            (g, t) = (r * r / 2, r);
        }
        else (g, t) = (Value(parameters, "gap"), 1.0);
        var circuit = new IronCircuit(g, t, Value(parameters, "turns"), Value(parameters, "ironPathLength"),
            Value(parameters, "initialPermeability"), Value(parameters, "kneeField"),
            Value(parameters, "kneeReluctivity"), Value(parameters, "saturationExponent"));
        return new IronCircuitCurve(circuit, Value(parameters, "maxCurrent"), Value(parameters, "remanentField"));
    }
}
