using System.Globalization;
using System.Text;
using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas.Protocol;

/// <summary>
/// Writes reply lines in the facility's format: <c>name:X|time:dd.MM.yyyy HH_mm_ss.fff|val:V</c>,
/// extended by getfull with <c>descr</c>, <c>type</c> and <c>units</c>, and by errors with
/// <c>val:error|descr:reason</c>. No field may hold '|' or a line end ('\n', '\r' and '\0' all end a
/// line for CXv4), so such characters in values become '/' and ' '; free text (descriptions, reasons)
/// also loses ':' (to ';') because some facility clients split every pair at each ':'. Every line fits
/// <see cref="LineFit.MaxLineBytes"/>: too long a value is cut after its last whole item.
/// </summary>
public static class VcasFormat
{
    /// <summary>
    /// A value as VCAS sends it: numbers invariant and round-trip. NaN (no NMR lock, no optics) is
    /// <c>NaN</c>, not <c>none</c>: CXv4 ignores <c>none</c> and keeps showing the last value, while it
    /// reads <c>NaN</c> with strtod into a NaN that its knobs show as invalid; infinities likewise.
    /// </summary>
    public static string Value(ChannelValue v) => v.Type switch
    {
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
        text.AsSpan().IndexOfAny(free ? "|\r\n\0:" : "|\r\n\0") >= 0;

    private static string Clean(string text, bool free)
    {
        var sb = new StringBuilder(text.Length);
        foreach (char c in text)
            sb.Append(c switch { '|' => '/', '\r' or '\n' or '\0' => ' ', ':' when free => ';', _ => c });
        return sb.ToString();
    }

    /// <summary>Longest description a getfull line carries; the value gets the rest of the line.</summary>
    public const int MaxDescriptionBytes = 256;

    /// <summary>Longest units a getfull line carries.</summary>
    public const int MaxUnitsBytes = 32;

    /// <summary>Longest channel name an error line echoes (a line may name anything; served names are shorter).</summary>
    public const int MaxEchoedNameBytes = 256;

    /// <summary><c>name:N|time:T|val:V</c>, the get and subscription reply.</summary>
    public static string Reply(string name, string time, string value)
    {
        var head = $"name:{name}|time:{time}|val:";
        return head + LineFit.Cut(value, LineFit.MaxLineBytes - LineFit.Bytes(head));
    }

    /// <summary>The getfull reply: the get reply with description, access type and units (and extras such as an owner).</summary>
    public static string Full(string name, string time, string value, string descr, string type, string units, string extra = "")
    {
        var tail = $"|descr:{LineFit.Cut(FreeText(descr), MaxDescriptionBytes)}|type:{type}|units:{LineFit.Cut(FreeText(units), MaxUnitsBytes)}{extra}";
        var head = $"name:{name}|time:{time}|val:";
        return head + LineFit.Cut(value, LineFit.MaxLineBytes - LineFit.Bytes(head) - LineFit.Bytes(tail)) + tail;
    }

    /// <summary>An error reply to a channel (or to the service channel <c>error</c> when the line named none).</summary>
    public static string Error(string name, string time, string reason)
    {
        var head = $"name:{LineFit.Cut(Field(name), MaxEchoedNameBytes)}|time:{time}|val:error|descr:";
        return head + LineFit.Cut(FreeText(reason), LineFit.MaxLineBytes - LineFit.Bytes(head));
    }
}
