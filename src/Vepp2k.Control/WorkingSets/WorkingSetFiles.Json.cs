using System.Text.Json;

namespace Vepp2k.Control.WorkingSets;

/// <summary>
/// Working sets as files an operator can mail, diff and load elsewhere: JSON (the whole record)
/// and CSV (a spreadsheet view). Imports check everything before returning, so a bad file yields a
/// <see cref="FormatException"/> and no partial working set.
/// </summary>
public static partial class WorkingSetFiles
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        // A missing or null property is an error in the file, not a silent null in the record.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The whole record as indented JSON (camelCase names).</summary>
    public static string ExportJson(WorkingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return JsonSerializer.Serialize(set, JsonOptions);
    }

    /// <summary>Reads a document written by <see cref="ExportJson"/>.</summary>
    /// <exception cref="FormatException">The text is not a complete, valid working set (the message gives the line).</exception>
    public static WorkingSet ImportJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        WorkingSet? set;
        try
        {
            set = JsonSerializer.Deserialize<WorkingSet>(json, JsonOptions);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"Working set JSON, line {ex.LineNumber + 1}: {ex.Message}", ex);
        }
        if (set is null) throw new FormatException("Working set JSON is 'null'.");
        WorkingSetCheck.Validate(set, "Working set JSON");
        return set;
    }
}
