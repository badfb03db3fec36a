using System.Globalization;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

/// <summary>
/// The service channel ChannelsList in pages: every name, comma-separated, would make one line of tens
/// of kilobytes, which no line may be (<see cref="LineFit"/>). <c>ChannelsList</c> holds the first names
/// that fit in a line, <c>ChannelsList/2</c>, <c>ChannelsList/3</c>, ... the next ones, in order; the page
/// after the last is not found. Names are never split across pages.
/// </summary>
internal static class ChannelsListPages
{
    private const string Prefix = VcasServer.ChannelsListChannel + "/";

    // Room for the page's own line around the names: the longest page name, a time stamp and the
    // getfull fields ("page N of M" and friends), so that get and getfull carry the whole page.
    private const int Room = LineFit.MaxLineBytes - 160;

    /// <summary>The page a name asks for: 2 or more for <c>ChannelsList/N</c>, null for any other name.</summary>
    public static int? PageOf(string name) =>
        name.StartsWith(Prefix, StringComparison.Ordinal)
        && int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int page) && page >= 2
        && name.Length == Prefix.Length + page.ToString(CultureInfo.InvariantCulture).Length
            ? page : null;

    /// <summary>The names packed into pages, each page's text fitting <see cref="Room"/> bytes.</summary>
    public static List<string> Split(IEnumerable<string> names)
    {
        var pages = new List<string>();
        var page = new System.Text.StringBuilder();
        int bytes = 0;
        foreach (var name in names)
        {
            int size = LineFit.Bytes(name) + (page.Length > 0 ? 1 : 0);
            if (page.Length > 0 && bytes + size > Room)
            {
                pages.Add(page.ToString());
                page.Clear();
                size = LineFit.Bytes(name);
                bytes = 0;
            }
            if (page.Length > 0) page.Append(',');
            page.Append(name);
            bytes += size;
        }
        pages.Add(page.ToString());
        return pages;
    }
}
