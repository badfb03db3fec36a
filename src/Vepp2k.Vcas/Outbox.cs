using Vepp2k.Control.Channels;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

/// <summary>A channel value on its way to a subscriber (from the registry, a service channel or a created channel).</summary>
internal readonly record struct Update(string Name, ChannelValue Value, DateTimeOffset Time);

/// <summary>
/// One client's outgoing lines, in order. Replies queue as formatted lines and are bounded by the
/// reader waiting for room (<see cref="WaitForRoomAsync"/>); subscription updates are coalesced:
/// a channel has at most one pending update, which a newer value replaces in place. So a client
/// that stops reading holds at most one update per subscribed channel, and the publisher and the
/// other clients never wait for it.
/// </summary>
internal sealed class Outbox(int replyBudget, TimeZoneInfo zone)
{
    private readonly Lock _gate = new();
    private readonly Queue<Entry> _order = new();
    private readonly PendingUpdates<string, Update> _pending = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ready = new(0);
    private readonly SemaphoreSlim _drained = new(0);
    private long _replyChars;
    private volatile bool _completed;

    // A reply line, or the name of a channel whose latest pending update goes out at this place.
    private readonly record struct Entry(string? Line, string? Channel);

    public int Pending { get { lock (_gate) return _order.Count; } }

    /// <summary>Updates replaced by a newer value before the client took them.</summary>
    public long Coalesced
    {
        get { lock (_gate) return _pending.Coalesced; }
    }

    public bool Completed => _completed;

    public void Offer(Update update)
    {
        lock (_gate)
        {
            if (_pending.Offer(update.Name, update)) _order.Enqueue(new Entry(null, update.Name));
        }
        Wake(_ready);
    }

    /// <summary>Drops a channel's pending update (after release); its place in the queue is skipped.</summary>
    public void Forget(string channel)
    {
        lock (_gate) _pending.Forget(channel);
    }

    public void Reply(string line)
    {
        lock (_gate)
        {
            _order.Enqueue(new Entry(line, null));
            _replyChars += line.Length;
        }
        Wake(_ready);
    }

    /// <summary>Waits while the client has more reply text pending than the budget.</summary>
    public async ValueTask WaitForRoomAsync(CancellationToken cancel)
    {
        while (Interlocked.Read(ref _replyChars) > replyBudget) await _drained.WaitAsync(cancel);
    }

    /// <summary>Moves up to <paramref name="max"/> lines to the writer; returns the reply characters among them (for <see cref="Sent"/>).</summary>
    public long Take(List<string> lines, int max)
    {
        long replies = 0;
        lock (_gate)
        {
            while (lines.Count < max && _order.TryDequeue(out var e))
            {
                if (e.Line is { } line)
                {
                    lines.Add(line);
                    replies += line.Length;
                }
                else if (_pending.TryTake(e.Channel!, out var u))
                    lines.Add(VcasFormat.Reply(u.Name, VcasFormat.Time(u.Time, zone), VcasFormat.Value(u.Value)));
            }
        }
        return replies;
    }

    /// <summary>The writer has sent lines holding this much reply text: readers waiting for room may go on.</summary>
    public void Sent(long replyChars)
    {
        Interlocked.Add(ref _replyChars, -replyChars);
        Wake(_drained);
    }

    public Task WaitReadyAsync(CancellationToken cancel) => _ready.WaitAsync(cancel);

    /// <summary>No more lines will come: the writer sends what is queued and stops.</summary>
    public void Complete()
    {
        _completed = true;
        Wake(_ready);
    }

    // An extra release only causes one spurious wake-up; a missed one cannot happen because the
    // waiter re-checks the queue after every wake.
    private static void Wake(SemaphoreSlim s)
    {
        if (s.CurrentCount == 0) s.Release();
    }
}
