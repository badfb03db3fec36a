using System.Globalization;

namespace Vepp2k.Vcas.Protocol;

/// <summary>
/// Parses one VCAS request line: <c>key:value</c> pairs joined by <c>|</c> (the newline already
/// removed). Keys and aliases after the facility's spec (V2K_interface "VCAS descr", the Go and C
/// clients): <c>name|n</c>, <c>method|meth|m</c>, <c>val|value|v</c>, <c>time|t</c>, plus
/// <c>descr</c> and <c>units</c> for create; other keys (type, host, port, ...) are ignored because
/// clients echo whole records back. A pure function: it never throws, it answers
/// <see cref="VcasParse.Fail"/> with a reason instead, and it costs time linear in the line.
/// </summary>
public static class VcasParser
{
    /// <summary>The facility's time stamp format, with underscores so that a time holds no ':'.</summary>
    public const string TimeFormat = "dd.MM.yyyy HH_mm_ss.fff";

    /// <summary>Lines longer than this (in characters) are refused; the server frames bytes with the same limit.</summary>
    public const int DefaultMaxLine = 64 * 1024;

    public static VcasParse Parse(ReadOnlySpan<char> line, int maxLine = DefaultMaxLine)
    {
        if (line.Length > maxLine) return VcasParse.Fail($"line longer than {maxLine} characters");
        if (line.EndsWith("\r")) line = line[..^1];
        string? name = null, method = null, value = null, descr = null, units = null;
        foreach (var range in line.Split('|'))
        {
            var token = line[range];
            if (token.IsWhiteSpace()) continue; // "name:X||method:set" is what the CX client sends
            int colon = token.IndexOf(':');
            if (colon < 0) return VcasParse.Fail($"'{Clip(token)}' is not a key:value pair", name);
            var key = token[..colon].Trim();
            var text = token[(colon + 1)..].Trim();
            string? error = KeyOf(key) switch
            {
                Key.Name => Assign(ref name, text, "name"),
                Key.Method => Assign(ref method, text, "method"),
                Key.Value => Assign(ref value, text, "val"),
                Key.Description => Assign(ref descr, text, "descr"),
                Key.Units => Assign(ref units, text, "units"),
                Key.Time => ValidTime(text) ? null : $"time '{Clip(text)}' is not {TimeFormat}",
                _ => null,
            };
            if (error is not null) return VcasParse.Fail(error, name);
        }
        if (string.IsNullOrEmpty(name)) return VcasParse.Fail("no channel name (name:...)");
        if (method is null) return VcasParse.Fail("no method (method:get, getfull, set, subscribe, release, create, free)", name);
        if (MethodOf(method) is not { } m) return VcasParse.Fail($"unknown method '{Clip(method)}'", name);
        if (value == "none") value = null;
        if (m == VcasMethod.Set && value is null) return VcasParse.Fail("set needs a value (val:...)", name);
        return VcasParse.Ok(new VcasRequest(m, name, value, descr, units));
    }

    private enum Key { Other, Name, Method, Value, Time, Description, Units }

    private static Key KeyOf(ReadOnlySpan<char> key) => key.ToString().ToLowerInvariant() switch
    {
        "name" or "n" => Key.Name,
        "method" or "meth" or "m" => Key.Method,
        "val" or "value" or "v" => Key.Value,
        "time" or "t" => Key.Time,
        "descr" => Key.Description,
        "units" => Key.Units,
        _ => Key.Other,
    };

    /// <summary>The method for a name or alias (case-insensitive), null when there is none.</summary>
    public static VcasMethod? MethodOf(string method) => method.ToLowerInvariant() switch
    {
        "get" or "g" => VcasMethod.Get,
        "getfull" or "gf" => VcasMethod.GetFull,
        "set" or "s" => VcasMethod.Set,
        "subscribe" or "subscr" or "sb" => VcasMethod.Subscribe,
        "release" or "rel" => VcasMethod.Release,
        "create" or "cr" => VcasMethod.Create,
        "free" or "f" => VcasMethod.Free,
        _ => null,
    };

    // A key given twice is refused rather than guessed: "name:A|n:B" could mean either channel.
    private static string? Assign(ref string? slot, ReadOnlySpan<char> text, string key)
    {
        if (slot is not null) return $"'{key}' given twice";
        slot = text.ToString();
        return null;
    }

    private static bool ValidTime(ReadOnlySpan<char> text) =>
        DateTime.TryParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>A short printable excerpt of client text for an error message.</summary>
    internal static string Clip(ReadOnlySpan<char> text)
    {
        var s = text.Length > 40 ? string.Concat(text[..40], "...") : text.ToString();
        return VcasFormat.FreeText(s);
    }
}
