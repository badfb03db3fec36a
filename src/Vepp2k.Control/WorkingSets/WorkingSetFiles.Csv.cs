using System.Globalization;
using System.Text;

namespace Vepp2k.Control.WorkingSets;

/// <summary>
/// CSV form: metadata lines <c># key: value</c> (name, version, author, comment, tags, time; values
/// backslash-escaped so a comment may hold line breaks; tags as one CSV row), then the header
/// <c>channel,value,subsystem</c> and one item per line (RFC 4180 quoting, invariant numbers).
/// </summary>
public static partial class WorkingSetFiles
{
    public const string CsvHeader = "channel,value,subsystem";

    public static string ExportCsv(WorkingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        var sb = new StringBuilder();
        sb.Append("# name: ").Append(Escape(set.Name)).Append('\n');
        sb.Append("# version: ").Append(set.Version.ToString(CultureInfo.InvariantCulture)).Append('\n');
        sb.Append("# author: ").Append(Escape(set.Author)).Append('\n');
        sb.Append("# comment: ").Append(Escape(set.Comment)).Append('\n');
        sb.Append("# tags: ").Append(Escape(string.Join(',', set.Tags.Select(Field)))).Append('\n');
        sb.Append("# time: ").Append(set.Time.ToString("O", CultureInfo.InvariantCulture)).Append('\n');
        sb.Append(CsvHeader).Append('\n');
        foreach (var item in set.Items)
        {
            sb.Append(Field(item.Channel)).Append(',').Append(item.Value.ToString("R", CultureInfo.InvariantCulture))
              .Append(',').Append(Field(item.Subsystem)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Reads text written by <see cref="ExportCsv"/>; name and time are required.</summary>
    /// <exception cref="FormatException">Malformed text; the message names the line.</exception>
    public static WorkingSet ImportCsv(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var meta = new Dictionary<string, string>(StringComparer.Ordinal);
        var items = new List<WorkingSetItem>();
        bool header = false;
        var lines = csv.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string line = lines[n].TrimEnd('\r');
            string where = $"Working set CSV, line {n + 1}";
            if (line.Length == 0) continue;
            if (line[0] == '#')
            {
                if (header) throw new FormatException($"{where}: metadata must come before the '{CsvHeader}' header.");
                int colon = line.IndexOf(':');
                string key = colon < 0 ? "" : line[1..colon].Trim();
                if (key is not ("name" or "version" or "author" or "comment" or "tags" or "time"))
                    throw new FormatException($"{where}: expected '# key: value' with key name, version, author, comment, tags or time.");
                // Exactly one space follows the colon, so a value's own leading spaces survive.
                string value = line[(colon + 1)..];
                if (!meta.TryAdd(key, Unescape(value.StartsWith(' ') ? value[1..] : value, where)))
                    throw new FormatException($"{where}: '{key}' is given twice.");
            }
            else if (!header)
            {
                if (line != CsvHeader) throw new FormatException($"{where}: expected the header '{CsvHeader}'.");
                header = true;
            }
            else
            {
                var fields = SplitRow(line, where);
                if (fields.Count != 3) throw new FormatException($"{where}: expected 3 fields (channel,value,subsystem), found {fields.Count}.");
                if (!double.TryParse(fields[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
                    throw new FormatException($"{where}: '{fields[1]}' is not a finite number.");
                if (string.IsNullOrWhiteSpace(fields[0])) throw new FormatException($"{where}: the channel is empty.");
                items.Add(new WorkingSetItem(fields[0], value, fields[2]));
            }
        }
        if (!header) throw new FormatException($"Working set CSV: the header '{CsvHeader}' is missing.");
        var set = new WorkingSet(
            Required(meta, "name"),
            meta.TryGetValue("version", out var v) ? ParseVersion(v) : 0,
            ParseTime(Required(meta, "time")),
            meta.GetValueOrDefault("author", ""),
            meta.GetValueOrDefault("comment", ""),
            meta.TryGetValue("tags", out var tags) && tags.Length > 0 ? SplitRow(tags, "Working set CSV, tags") : [],
            items);
        WorkingSetCheck.Validate(set, "Working set CSV");
        return set;
    }

    private static string Required(Dictionary<string, string> meta, string key) =>
        meta.TryGetValue(key, out var value) ? value : throw new FormatException($"Working set CSV: '# {key}:' is missing.");

    private static int ParseVersion(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int v) ? v
            : throw new FormatException($"Working set CSV: version '{text}' is not a non-negative integer.");

    private static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t
            : throw new FormatException($"Working set CSV: time '{text}' is not an ISO 8601 round-trip time.");

    /// <summary>
/// RFC 4180 field: quoted when empty, holding a comma or quote, or starting with '#' (which would
/// read back as a metadata line); line breaks cannot be written.
/// </summary>
    private static string Field(string text)
    {
        if (text.Contains('\n') || text.Contains('\r'))
            throw new ArgumentException($"'{text}' contains a line break, which a CSV item line cannot hold.");
        return text.Length == 0 || text[0] == '#' || text.Contains(',') || text.Contains('"') ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    private static List<string> SplitRow(string line, string where)
    {
        var fields = new List<string>();
        var sb = new StringBuilder();
        int i = 0;
        while (true)
        {
            sb.Clear();
            if (i < line.Length && line[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= line.Length) throw new FormatException($"{where}: a quoted field is not closed.");
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"') { sb.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    sb.Append(line[i++]);
                }
                if (i < line.Length && line[i] != ',') throw new FormatException($"{where}: text after a closing quote.");
            }
            else
            {
                while (i < line.Length && line[i] != ',')
                {
                    if (line[i] == '"') throw new FormatException($"{where}: a quote inside an unquoted field.");
                    sb.Append(line[i++]);
                }
            }
            fields.Add(sb.ToString());
            if (i >= line.Length) return fields;
            i++; // the comma
        }
    }

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("\n", "\\n").Replace("\r", "\\r");

    private static string Unescape(string text, string where)
    {
        var sb = new StringBuilder(text.Length);
        for (int i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\') { sb.Append(text[i]); continue; }
            if (++i >= text.Length) throw new FormatException($"{where}: a backslash ends the line.");
            sb.Append(text[i] switch
            {
                '\\' => '\\',
                'n' => '\n',
                'r' => '\r',
                var c => throw new FormatException($"{where}: unknown escape '\\{c}'."),
            });
        }
        return sb.ToString();
    }
}
