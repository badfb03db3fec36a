using Vepp2k.Control.Channels;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>
/// What one circuit has to send: replies in order, and the set of monitors with an unsent update
/// (each at most once, holding only its latest value). The circuit's writer takes everything in one
/// batch; monitor payloads are encoded at that moment, so the client gets the freshest value.
/// Memory is bounded: replies by <see cref="PendingReplyBytes"/> (the reader stops reading requests
/// above a limit), monitors by their number.
/// </summary>
internal sealed class Outbox
{
    private readonly Lock _gate = new();
    private readonly MessageBuffer _replies = new();
    private readonly Queue<Monitor> _changed = new();
    private readonly PendingUpdates<Monitor, ChannelUpdate> _pending = new(ReferenceEqualityComparer.Instance);
    private bool _eventsOn = true;
    private volatile bool _readerFlushes;

    /// <summary>Set when there is something to send.</summary>
    public Signal Ready { get; } = new();

    /// <summary>Set after the writer took a batch (the reader may go on reading).</summary>
    public Signal Drained { get; } = new();

    public long Coalesced
    {
        get { lock (_gate) return _pending.Coalesced; }
    }

    public int PendingReplyBytes
    {
        get { lock (_gate) return _replies.Length; }
    }

    /// <summary>
    /// While set, replies do not wake the writer: the circuit's reader is handling requests and
    /// sends their replies itself right after, which saves a thread hop per request.
    /// </summary>
    public bool ReaderFlushes
    {
        set => _readerFlushes = value;
    }

    /// <summary>Appends replies (the action writes them) and wakes the writer unless the reader sends them.</summary>
    public void Reply(Action<MessageBuffer> write)
    {
        lock (_gate) write(_replies);
        if (!_readerFlushes) Ready.Set();
    }

    /// <summary>A monitor's channel changed (called on the update pump: never blocks on the client).</summary>
    public void Offer(Monitor monitor, ChannelUpdate update)
    {
        lock (_gate)
        {
            if (monitor.Cancelled) return;
            if (_pending.Offer(monitor, update)) _changed.Enqueue(monitor);
        }
        Ready.Set();
    }

    public void Cancel(Monitor monitor)
    {
        lock (_gate)
        {
            monitor.Cancelled = true;
            _pending.Forget(monitor);
        }
    }

    /// <summary>EVENTS_OFF / EVENTS_ON: while off, changed monitors wait (still coalescing).</summary>
    public void SetEvents(bool on)
    {
        lock (_gate) _eventsOn = on;
        if (on) Ready.Set();
    }

    /// <summary>Moves the pending replies, then the changed monitors' updates, into <paramref name="batch"/>.</summary>
    public void TakeBatch(MessageBuffer batch)
    {
        lock (_gate)
        {
            _replies.MoveTo(batch);
            while (_eventsOn && _changed.TryDequeue(out var monitor))
                if (_pending.TryTake(monitor, out var latest)) MonitorUpdate.Write(batch, monitor, latest);
        }
        Drained.Set();
    }
}
