using System.Text.Json;
using System.Text.Json.Serialization;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Energy;

/// <summary>A scan as kept across restarts: its definition and how far it got (a dwell in progress is not kept: the point is redone).</summary>
public sealed record ScanRecord(long Id, string User, IReadOnlyList<double> EnergiesEv, double DwellSeconds, double RateEvPerSecond, bool Standardise,
    ScanState State, int Index, int StandardisedFor, int LastStep, string Reason)
{
    public static ScanRecord Of(EnergyScan s) =>
        new(s.Id, s.User, s.EnergiesEv, s.Dwell.TotalSeconds, s.RateEvPerSecond, s.Standardise, s.State, s.Index, s.StandardisedFor, s.LastStep, s.Reason);

    public EnergyScan ToScan() =>
        new(Id, User, EnergiesEv, TimeSpan.FromSeconds(DwellSeconds), RateEvPerSecond, Standardise)
        { State = State, Index = Index, StandardisedFor = StandardisedFor, LastStep = LastStep, Reason = Reason };
}

/// <summary>
/// The energy scans kept in <c>energy-scans.json</c> of the data folder, so a scan survives a restart of
/// the server. Written to a temporary file, flushed to disk and renamed over the old one: a crash leaves
/// the old list or the new one, never half of one. A file that cannot be read is set aside (renamed, not
/// deleted) and reported, so the next write does not destroy what an operator may still recover.
/// </summary>
public sealed class EnergyScanFile(string dataFolder)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string FilePath { get; } = Path.Combine(dataFolder, "energy-scans.json");

    /// <summary>The scans stored, none when there is no file yet.</summary>
    /// <exception cref="StorageException">The file could not be read; it has been set aside.</exception>
    public IReadOnlyList<ScanRecord> Load()
    {
        if (!File.Exists(FilePath)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<ScanRecord>>(File.ReadAllText(FilePath), Json) ?? [];
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
        {
            string aside = FilePath + ".unreadable-" + DateTime.UtcNow.ToString("yyyyMMddTHHmmss", System.Globalization.CultureInfo.InvariantCulture);
            try { File.Move(FilePath, aside); }
            catch (Exception m) when (m is IOException or UnauthorizedAccessException)
            {
                throw new StorageException($"{FilePath} is not a list of scans ({e.Message}) and could not be set aside: {m.Message}", e);
            }
            throw new StorageException($"{FilePath} is not a list of scans ({e.Message}); kept as {aside}", e);
        }
    }

    /// <summary>The JSON <see cref="Save"/> writes for these scans (to tell whether anything changed).</summary>
    public static string Serialize(IEnumerable<ScanRecord> scans) => JsonSerializer.Serialize(scans.ToList(), Json);

    /// <summary>Replaces the stored list with <paramref name="json"/> (from <see cref="Serialize"/>).</summary>
    /// <exception cref="StorageException">It could not be written; the old list is still there.</exception>
    public void Save(string json)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
            string temp = FilePath + ".tmp";
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(json));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, FilePath, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"could not store the energy scans in {FilePath}: {e.Message}", e);
        }
    }
}
