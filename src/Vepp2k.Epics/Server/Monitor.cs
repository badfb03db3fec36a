using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Server;

/// <summary>
/// One EVENT_ADD subscription. Its unsent update waits in the circuit's outbox, coalesced (a newer
/// update replaces it), so a slow client costs a fixed amount of memory, never a growing queue.
/// <see cref="Cancelled"/> is guarded by the outbox lock.
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

    public bool Cancelled { get; set; }
}
