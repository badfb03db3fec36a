using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Server;

/// <summary>A channel as one circuit sees it: the client's id, the server's id, the rights granted and its monitors.</summary>
internal sealed class ClientChannel(uint cid, uint sid, Channel channel, AccessRights rights)
{
    public uint Cid { get; } = cid;
    public uint Sid { get; } = sid;
    public Channel Channel { get; } = channel;
    public AccessRights Rights { get; set; } = rights;
    public Dictionary<uint, Monitor> Monitors { get; } = [];
}

/// <summary>The ACCESS_RIGHTS bits.</summary>
[Flags]
internal enum AccessRights : uint { None = 0, Read = 1, Write = 2 }
