namespace Vepp2k.Vcas.Protocol;

/// <summary>
/// Keeps every line the server sends inside the facility's CXv4 client: its fdiolib reads a VCAS line
/// into a 1024-byte buffer and drops the connection (to reconnect a second later) when 1024 bytes
/// arrive before the line end. A line here is at most 1022 bytes plus its newline, one under that.
/// </summary>
public static class LineFit
{
    /// <summary>Longest line in UTF-8 bytes, newline excluded.</summary>
    public const int MaxLineBytes = 1022;

    /// <summary>UTF-8 length of a text (invalid surrogates count as the 3 bytes of U+FFFD, as the encoder writes them).</summary>
    public static int Bytes(string text) => System.Text.Encoding.UTF8.GetByteCount(text);

    /// <summary>
    /// The text, or when it is longer than <paramref name="maxBytes"/> in UTF-8 its longest prefix that
    /// ends before a blank or a comma (so number lists, name lists and prose keep whole items), or at a
    /// character boundary when the first item alone is too long.
    /// </summary>
    public static string Cut(string text, int maxBytes)
    {
        if (Bytes(text) <= maxBytes) return text;
        int end = 0, bytes = 0;
        while (end < text.Length)
        {
            bool pair = char.IsHighSurrogate(text[end]) && end + 1 < text.Length && char.IsLowSurrogate(text[end + 1]);
            int size = pair ? 4 : text[end] < 0x80 ? 1 : text[end] < 0x800 ? 2 : 3;
            if (bytes + size > maxBytes) break;
            bytes += size;
            end += pair ? 2 : 1;
        }
        int item = text.LastIndexOfAny([' ', ','], end);
        return item > 0 ? text[..item] : text[..end];
    }
}
