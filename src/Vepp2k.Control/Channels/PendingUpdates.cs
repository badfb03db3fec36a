namespace Vepp2k.Control.Channels;

/// <summary>
/// One subscriber's unsent updates, coalesced: at most one per key, a newer value replacing the
/// older in place. So a client that stops reading costs a fixed amount of memory (one entry per key
/// it watches) and the publisher never waits for it; it gets fewer, current values. Not locked:
/// the owner guards it together with its own send queue, and keeps the order in which keys became
/// pending (it interleaves them with replies).
/// </summary>
public sealed class PendingUpdates<TKey, TValue>(IEqualityComparer<TKey>? comparer = null) where TKey : notnull
{
    private readonly Dictionary<TKey, TValue> _latest = new(comparer);

    /// <summary>Updates replaced by a newer one before the subscriber took them.</summary>
    public long Coalesced { get; private set; }

    public int Count => _latest.Count;

    /// <summary>Holds <paramref name="value"/> as the key's pending update; true when the key was not pending (the owner queues it).</summary>
    public bool Offer(TKey key, TValue value)
    {
        bool fresh = !_latest.ContainsKey(key);
        if (!fresh) Coalesced++;
        _latest[key] = value;
        return fresh;
    }

    /// <summary>Takes the key's pending update, if it still has one (it may have been forgotten).</summary>
    public bool TryTake(TKey key, out TValue value) => _latest.Remove(key, out value!);

    /// <summary>Drops the key's pending update (the subscription was cancelled).</summary>
    public void Forget(TKey key) => _latest.Remove(key);

    /// <summary>Moves every pending update into <paramref name="into"/> (a batch that keeps no order).</summary>
    public void TakeAll(ICollection<TValue> into)
    {
        foreach (var v in _latest.Values) into.Add(v);
        _latest.Clear();
    }
}
