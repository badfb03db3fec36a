using System.Threading.Channels;

namespace Vepp2k.Control.Channels;

/// <summary>
/// A consumer's queue of channel updates (a web socket, a protocol client, the online model). The
/// queue is bounded: when the consumer falls behind, the oldest updates are dropped and counted in
/// <see cref="Dropped"/>, so a slow consumer never grows memory nor slows the publisher.
/// Dispose to unsubscribe.
/// </summary>
public sealed class ChannelSubscription : IDisposable
{
    private readonly Channel<ChannelUpdate> _queue;
    private readonly ChannelRegistry _registry;
    private long _dropped;

    internal ChannelSubscription(ChannelRegistry registry, Func<ChannelUpdate, bool> filter, int capacity)
    {
        _registry = registry;
        Filter = filter;
        _queue = System.Threading.Channels.Channel.CreateBounded<ChannelUpdate>(
            new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
    }

    internal Func<ChannelUpdate, bool> Filter { get; }

    public ChannelReader<ChannelUpdate> Reader => _queue.Reader;

    /// <summary>Updates this consumer lost because it did not keep up.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    internal void Offer(ChannelUpdate update) => _queue.Writer.TryWrite(update);

    public void Dispose()
    {
        _registry.Remove(this);
        _queue.Writer.TryComplete();
    }
}
