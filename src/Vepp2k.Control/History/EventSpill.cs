using System.Globalization;
using System.Text.Json;

namespace Vepp2k.Control.History;

/// <summary>
/// The last resort for events the store would not take before shutdown: they are written as JSON
/// lines to <c>events-unsaved-&lt;UTC time&gt;.jsonl</c> in the data folder, and the next start puts
/// them into the store with their original times and renames the file to <c>.recovered</c>.
/// </summary>
public static class EventSpill
{
    private const string Prefix = "events-unsaved-";

    /// <summary>Writes the events to a new file and returns its full path.</summary>
    public static string Write(string folder, IReadOnlyList<EventRecord> events, DateTimeOffset now)
    {
        Directory.CreateDirectory(folder);
        string path = Path.GetFullPath(Path.Combine(folder, $"{Prefix}{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss.fffffff'Z'", CultureInfo.InvariantCulture)}.jsonl"));
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(file))
        {
            foreach (var e in events) writer.WriteLine(JsonSerializer.Serialize(e));
            writer.Flush();
            // On disk before the process reports it: the file replaces a store that already failed.
            file.Flush(flushToDisk: true);
        }
        return path;
    }

    /// <summary>
    /// Appends the events of every spill file in the folder to the store, oldest file first, and
    /// renames each file once all its events are stored. Returns the files and their event counts.
    /// A store failure propagates and leaves the file for the next start (already stored events of
    /// that file would then be stored twice, which is better than losing the rest).
    /// </summary>
    public static IReadOnlyList<(string File, int Count)> Recover(string folder, IControlStore store)
    {
        if (!Directory.Exists(folder)) return [];
        var recovered = new List<(string, int)>();
        foreach (var path in Directory.GetFiles(folder, Prefix + "*.jsonl").Order(StringComparer.Ordinal))
        {
            int count = 0;
            foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
            {
                var e = JsonSerializer.Deserialize<EventRecord>(line) ?? throw new StorageException($"{path}: a line is not an event");
                store.AppendEvent(e with { Id = 0 });
                count++;
            }
            File.Move(path, path + ".recovered", overwrite: true);
            recovered.Add((path, count));
        }
        return recovered;
    }
}
