using System.Buffers.Binary;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>The SEARCH reply: our TCP port, "use the sender's address" (0xFFFFFFFF), the search id, our minor version.</summary>
internal static class SearchReply
{
    public static void Write(MessageBuffer buffer, ushort tcpPort, uint searchId)
    {
        var payload = buffer.Begin(CaHeader.Of(CaCommand.Search, 8, tcpPort, 0, 0xFFFF_FFFF, searchId));
        BinaryPrimitives.WriteUInt16BigEndian(payload, Ca.MinorVersion);
    }
}
