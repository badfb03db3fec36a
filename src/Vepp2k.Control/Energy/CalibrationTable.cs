using System.Text.Json;
using System.Text.Json.Serialization;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Energy;

/// <summary>
/// The operator's calibration entries kept across restarts in <c>calibration.json</c> of the data
/// folder. A new entry is written to a temporary file, flushed to disk and renamed over the old
/// file, so a crash leaves either the old table or the new one, never half of one; a write that
/// fails throws <see cref="StorageException"/> (storage down, not a refusal of the entry) and the entry is not added.
/// </summary>
public sealed class CalibrationTable
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
    private readonly string _file;
    private readonly Lock _gate = new();

    public CalibrationTable(string dataFolder)
    {
        Directory.CreateDirectory(dataFolder);
        _file = Path.Combine(dataFolder, "calibration.json");
        if (!File.Exists(_file)) return;
        List<EnergyCalibrationEntry>? entries;
        try { entries = JsonSerializer.Deserialize<List<EnergyCalibrationEntry>>(File.ReadAllText(_file), Json); }
        catch (JsonException e) { throw new StorageException($"{_file} is not a calibration table: {e.Message}", e); }
        foreach (var entry in entries ?? [])
        {
            var r = Calibration.Add(entry);
            if (!r.Accepted) throw new StorageException($"{_file}: stored entry refused: {r.Reason}");
        }
    }

    public EnergyCalibration Calibration { get; } = new();

    /// <summary>Adds an entry, or refuses it with the reason.</summary>
    /// <exception cref="StorageException">The table could not be written; the entry is not added.</exception>
    public CommandResult Add(EnergyCalibrationEntry entry)
    {
        lock (_gate)
        {
            if (Calibration.Check(entry) is { } problem) return CommandResult.Refuse(problem);
            try
            {
                string temp = _file + ".tmp";
                using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write))
                {
                    JsonSerializer.Serialize(stream, Calibration.Entries.Append(entry).ToList(), Json);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temp, _file, overwrite: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new StorageException($"could not store the calibration table, entry not added: {e.Message}", e);
            }
            return Calibration.Add(entry);
        }
    }
}
