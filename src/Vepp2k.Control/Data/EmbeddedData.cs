using System.Reflection;
using System.Text.Json;

namespace Vepp2k.Control.Data;

/// <summary>Reads the JSON parameter files embedded in this assembly (Data/*.json).</summary>
internal static class EmbeddedData
{
    public static JsonDocument Open(string fileName)
    {
        var name = "Vepp2k.Control.Data." + fileName;
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded data file '{name}' is missing.");
        return JsonDocument.Parse(stream);
    }

    /// <summary>Reads <c>{ "value", "unit", "source", "note" }</c>; a missing or malformed entry is a build-time data bug, so it throws.</summary>
    public static DataValue ReadValue(JsonElement parent, string property)
    {
        if (!parent.TryGetProperty(property, out var element))
            throw new InvalidDataException($"Data entry '{property}' is missing.");
        var source = element.GetProperty("source").GetString() switch
        {
            "published" => Provenance.Published,
            "assumed" => Provenance.Assumed,
            var other => throw new InvalidDataException($"'{property}': source must be published or assumed, not '{other}'."),
        };
        return new DataValue(
            element.GetProperty("value").GetDouble(),
            element.GetProperty("unit").GetString() ?? "",
            source,
            element.GetProperty("note").GetString() ?? "");
    }
}
