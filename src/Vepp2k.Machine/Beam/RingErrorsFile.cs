using System.Text.Json;
using System.Text.Json.Serialization;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// An error set as a JSON file (SI units: relative fields, metres, radians):
/// <c>{"magnets": {"1F1": {"field": 1e-3, "dx": 1e-4, "dz": 0, "roll": 2e-4}}, "bpms": {"BPM1": {"dx": ..,
/// "dz": .., "gainX": .., "gainZ": .., "roll": ..}}, "ccds": {"1M1L": {"scaleX": .., "scaleZ": ..}}}</c>.
/// Missing entries and fields are zero; unknown names, unknown fields and values no ring has are refused
/// with the reason, so a typing error never becomes a silently perfect magnet.
/// </summary>
public static class RingErrorsFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Skip,
    };

    private sealed record FileDto(
        Dictionary<string, MagnetError>? Magnets, Dictionary<string, BpmError>? Bpms, Dictionary<string, CcdError>? Ccds);

    public static RingErrors Read(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new ArgumentException($"errors file {path}: {e.Message}", e); }
        return Parse(text, Path.GetFileName(path));
    }

    /// <summary>Parses a file's text; <paramref name="origin"/> names it in the result and in messages.</summary>
    public static RingErrors Parse(string json, string origin)
    {
        FileDto? dto;
        try { dto = JsonSerializer.Deserialize<FileDto>(json, Options); }
        catch (JsonException e) { throw new ArgumentException($"errors file {origin}: {e.Message}", e); }
        if (dto is null) throw new ArgumentException($"errors file {origin}: empty (write {{}} for a perfect ring)");
        string? empty = dto.Magnets?.FirstOrDefault(p => p.Value is null).Key ?? dto.Bpms?.FirstOrDefault(p => p.Value is null).Key
            ?? dto.Ccds?.FirstOrDefault(p => p.Value is null).Key;
        if (empty is not null) throw new ArgumentException($"errors file {origin}: {empty} is null (leave it out for no error)");
        return new RingErrors(dto.Magnets ?? [], dto.Bpms ?? [], dto.Ccds ?? [], origin);
    }

    public static string Write(RingErrors errors) => JsonSerializer.Serialize(new FileDto(
        errors.Magnets.Where(p => !p.Value.IsZero).ToDictionary(), errors.Bpms.ToDictionary(), errors.Ccds.ToDictionary()), Options);
}
