using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

/// <summary>
/// Writes events to the store. An event the store refuses is kept and retried on the next
/// <see cref="Retry"/>, counted in <see cref="Pending"/> and announced with <see cref="StorageFailed"/>;
/// it is never dropped.
/// </summary>
public sealed class EventJournal(IControlStore store, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Queue<EventRecord> _pending = new();

    /// <summary>Raised when the store fails; the event is kept for retry.</summary>
    public event Action<StorageException>? StorageFailed;

    public int Pending { get { lock (_gate) return _pending.Count; } }

    public void Log(EventKind kind, string user, string subject, string message, string? oldValue = null, string? newValue = null, string result = "")
    {
        var record = new EventRecord(0, time.GetUtcNow(), kind, user, subject, message, oldValue, newValue, result);
        lock (_gate) _pending.Enqueue(record);
        Retry();
    }

    /// <summary>
    /// Takes every event the store has not accepted, for the shutdown's last resort (a spill file):
    /// after this the journal holds none, so the caller owns them.
    /// </summary>
    public IReadOnlyList<EventRecord> TakePending()
    {
        lock (_gate)
        {
            var all = _pending.ToList();
            _pending.Clear();
            return all;
        }
    }

    /// <summary>Writes whatever is pending, oldest first; stops at the first failure.</summary>
    public void Retry()
    {
        while (true)
        {
            lock (_gate)
            {
                if (!_pending.TryPeek(out var next)) return;
                try
                {
                    store.AppendEvent(next);
                }
                catch (StorageException e)
                {
                    StorageFailed?.Invoke(e);
                    return;
                }
                _pending.Dequeue();
            }
        }
    }
}
