using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

/// <summary>
/// Writes events to the store. An event the store refuses is kept and retried on the next
/// <see cref="Retry"/>, counted in <see cref="Pending"/> and announced with <see cref="StorageFailed"/>;
/// it is never dropped. Recent events also stay in memory for live views.
/// </summary>
public sealed class EventJournal(IControlStore store, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<EventRecord> _pending = new();
    private long _failures;

    /// <summary>Raised (outside the lock) with each stored event.</summary>
    public event Action<EventRecord>? Stored;

    /// <summary>Raised when the store fails; the event is kept for retry.</summary>
    public event Action<StorageException>? StorageFailed;

    public int Pending { get { lock (_gate) return _pending.Count; } }

    public long Failures => Interlocked.Read(ref _failures);

    public void Log(EventKind kind, string user, string subject, string message, string? oldValue = null, string? newValue = null, string result = "")
    {
        var record = new EventRecord(0, time.GetUtcNow(), kind, user, subject, message, oldValue, newValue, result);
        lock (_gate) _pending.Enqueue(record);
        Retry();
    }

    /// <summary>Writes whatever is pending, oldest first; stops at the first failure.</summary>
    public void Retry()
    {
        while (true)
        {
            EventRecord next;
            EventRecord stored;
            lock (_gate)
            {
                if (!_pending.TryPeek(out next!)) return;
                try
                {
                    stored = store.AppendEvent(next);
                }
                catch (StorageException e)
                {
                    Interlocked.Increment(ref _failures);
                    StorageFailed?.Invoke(e);
                    return;
                }
                _pending.Dequeue();
            }
            Stored?.Invoke(stored);
        }
    }
}
