using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Server;

/// <summary>
/// One EVENT_ADD subscription. It holds only the latest update not yet sent: a newer update
/// replaces it, so a client that reads slowly gets fewer, current values and costs the server a
/// fixed amount of memory, never a growing queue. Fields are guarded by the outbox lock.
/// </summary>
internal sealed class Monitor(ClientChannel channel, uint subscriptionId, ushort type, uint count, UpdateMask mask, Outbox outbox)
{
    public ClientChannel Channel { get; } = channel;
    public uint SubscriptionId { get; } = subscriptionId;
    public ushort Type { get; } = type;

    /// <summary>Requested element count; 0 follows the channel's current length (CA 4.13).</summary>
    public uint Count { get; } = count;

    public UpdateMask Mask { get; } = mask;
    public Outbox Outbox { get; } = outbox;

    public ChannelUpdate Latest { get; set; }

    /// <summary>True while the monitor sits in its outbox's queue of changed monitors.</summary>
    public bool Queued { get; set; }

    public bool Cancelled { get; set; }
}
