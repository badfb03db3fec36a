using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Vepp2k.Control.Channels;

/// <summary>
/// The one fan-out of channel updates to subscribers, shared by every server (CA monitors, VCAS
/// subscriptions, the console's web sockets): who watches which key, and a pump that takes the
/// registry's updates for watched keys and hands each to its watchers. Lookups are lock-free
/// (copy-on-write arrays), so the pump never waits for a subscriber being added; delivery must not
/// block (subscribers queue into a <see cref="PendingUpdates{TKey, TValue}"/> and are woken).
/// </summary>
/// <param name="keyOf">The key an update is watched by (the channel, its path).</param>
/// <param name="deliver">Hands one update to one watcher; called on the pump thread, must be quick.</param>
public sealed class SubscriberHub<TKey, TSubscriber>(IEqualityComparer<TKey>? comparer, Func<ChannelUpdate, TKey> keyOf,
    Action<TSubscriber, ChannelUpdate> deliver) : IDisposable where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TSubscriber[]> _byKey = new(comparer);
    private readonly Lock _gate = new();
    private ChannelSubscription? _feed;
    private Thread? _pump;
    private long _failed;
    private ILogger _log = NullLogger.Instance;

    /// <summary>Deliveries that threw (each logged, the first and every thousandth).</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Updates lost because the pump fell behind the registry (bounded queue, oldest dropped).</summary>
    public long Dropped => _feed?.Dropped ?? 0;

    public bool Watches(TKey key) => _byKey.ContainsKey(key);

    /// <summary>The watchers of a key now (a snapshot: safe to enumerate while others subscribe).</summary>
    public TSubscriber[] Of(TKey key) => _byKey.GetValueOrDefault(key, []);

    public void Add(TKey key, TSubscriber subscriber)
    {
        lock (_gate) _byKey[key] = [.. _byKey.GetValueOrDefault(key, []), subscriber];
    }

    public void Remove(TKey key, TSubscriber subscriber)
    {
        lock (_gate)
        {
            var left = _byKey.GetValueOrDefault(key, []).Where(s => !EqualityComparer<TSubscriber>.Default.Equals(s, subscriber)).ToArray();
            if (left.Length == 0) _byKey.TryRemove(key, out _);
            else _byKey[key] = left;
        }
    }

    /// <summary>
    /// Hands an update to every watcher of its key. A delivery that throws is a bug in a server: it is
    /// logged and counted in <see cref="Failed"/>, and the other watchers still get the update.
    /// </summary>
    public void Deliver(ChannelUpdate update)
    {
        if (!_byKey.TryGetValue(keyOf(update), out var watchers)) return;
        foreach (var w in watchers)
        {
            try { deliver(w, update); }
            catch (Exception e)
            {
                long failed = Interlocked.Increment(ref _failed);
                if (failed == 1 || failed % 1000 == 0)
                    _log.LogError(e, "delivering {Path} to a subscriber failed ({Count} failures so far)", update.Path, failed);
            }
        }
    }

    /// <summary>
    /// Starts taking the registry's updates of the kinds in <paramref name="mask"/> for watched keys.
    /// The pump has its own thread: under a flood of updates it must not starve the servers' pool threads.
    /// </summary>
    public void Start(ChannelRegistry registry, UpdateMask mask, ILogger log, int capacity = 100_000)
    {
        if (_feed is not null) throw new InvalidOperationException("the hub is already started");
        _log = log;
        _feed = registry.Subscribe(u => (u.Mask & mask) != 0 && _byKey.ContainsKey(keyOf(u)), capacity);
        var reader = _feed.Reader;
        _pump = new Thread(() =>
        {
            // Ends when Dispose completes the subscription.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
                while (reader.TryRead(out var update)) Deliver(update);
        }) { IsBackground = true, Name = "channel update hub" };
        _pump.Start();
    }

    public void Dispose()
    {
        _feed?.Dispose();
        _pump?.Join();
    }
}
