using System.Globalization;
using System.Text;
using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas.Protocol;

/// <summary>
/// Writes reply lines in the facility's format: <c>name:X|time:dd.MM.yyyy HH_mm_ss.fff|val:V</c>,
/// extended by getfull with <c>descr</c>, <c>type</c> and <c>units</c>, and by errors with
/// <c>val:error|descr:reason</c>. No field may hold '|' or a line break, so such characters in
/// values become '/' and ' '; free text (descriptions, reasons) also loses ':' (to ';') because
/// some facility clients split every pair at each ':'.
/// </summary>
public static class VcasFormat
{
    /// <summary>A value as VCAS sends it: numbers invariant and round-trip, no value (NaN) as <c>none</c>.</summary>
    public static string Value(ChannelValue v) => v.Type switch
    {
        ChannelType.Double when double.IsNaN(v.Number) => "none",
        ChannelType.Double => v.Number.ToString("R", CultureInfo.InvariantCulture),
        ChannelType.String => Field(v.Text ?? ""),
        _ => v.ToString(),
    };

    public static string Time(DateTimeOffset time, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(time, zone).ToString(VcasParser.TimeFormat, CultureInfo.InvariantCulture);

    /// <summary>A value field: no separators, no line breaks.</summary>
    public static string Field(string text) => NeedsCleaning(text, free: false) ? Clean(text, free: false) : text;

    /// <summary>A free-text field (descr): as <see cref="Field"/>, and no ':' either.</summary>
    public static string FreeText(string text) => NeedsCleaning(text, free: true) ? Clean(text, free: true) : text;

    private static bool NeedsCleaning(string text, bool free) =>
        text.AsSpan().IndexOfAny(free ? "|\r\n:" : "|\r\n") >= 0;

    private static string Clean(string text, bool free)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(c switch { '|' => '/', '\r' or '\n' => ' ', ':' when free => ';', _ => c });
        return sb.ToString();
    }

    /// <summary><c>name:N|time:T|val:V</c>, the get and subscription reply.</summary>
    public static string Reply(string name, string time, string value) => $"name:{name}|time:{time}|val:{value}";

    /// <summary>The getfull reply: the get reply with description, access type and units (and extras such as an owner).</summary>
    public static string Full(string name, string time, string value, string descr, string type, string units, string extra = "") =>
        $"name:{name}|time:{time}|val:{value}|descr:{FreeText(descr)}|type:{type}|units:{FreeText(units)}{extra}";

    /// <summary>An error reply to a channel (or to the service channel <c>error</c> when the line named none).</summary>
    public static string Error(string name, string time, string reason) =>
        $"name:{Field(name)}|time:{time}|val:error|descr:{FreeText(reason)}";
}
