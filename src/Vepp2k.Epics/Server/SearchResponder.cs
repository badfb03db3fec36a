using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>
/// Answers one UDP datagram of name searches. A datagram may carry several messages (VERSION
/// first, then SEARCHes); the reply starts with a VERSION header echoing the client's sequence
/// number and holds one SEARCH reply per name we serve. Unknown names get no answer at all, never
/// NOT_FOUND: other servers on the network may serve them. A malformed message ends the parsing
/// of that datagram; whatever was answered before it stands.
/// </summary>
internal static class SearchResponder
{
    // A reply must fit one UDP datagram: the VERSION header plus 24 bytes per name found.
    private const int MaxAnswers = (65_000 - Ca.HeaderSize) / (Ca.HeaderSize + 8);

    /// <summary>Writes the reply into <paramref name="reply"/>; returns false when there is nothing to send.</summary>
    public static bool Respond(ReadOnlySpan<byte> datagram, ServerContext server, MessageBuffer reply)
    {
        reply.Clear();
        var found = new List<uint>();
        var version = CaHeader.Of(CaCommand.Version, count: Ca.MinorVersion);
        while (CaHeader.TryRead(datagram, out var header, out int headerSize))
        {
            long end = headerSize + (long)header.PayloadSize;
            if (end > datagram.Length) break;
            var payload = datagram.Slice(headerSize, (int)header.PayloadSize);
            datagram = datagram[(int)end..];
            if (header.Cmd == CaCommand.Version && (header.DataType & Ca.SequenceNumberValid) != 0)
                version = version with { DataType = Ca.SequenceNumberValid, P1 = header.P1 };
            else if (header.Cmd == CaCommand.Search && found.Count < MaxAnswers && server.Find(DbrDecoder.ReadString(payload)) is not null)
                found.Add(header.P1);
        }
        if (found.Count == 0) return false;
        reply.Add(version);
        foreach (uint searchId in found) SearchReply.Write(reply, server.TcpPort, searchId);
        return true;
    }
}
