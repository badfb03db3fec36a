using System.Threading.Channels;

namespace Vepp2k.Control.History;

/// <summary>
/// The writer between channels and the store. <see cref="Offer"/> never blocks the channel layer:
/// it queues the sample, or counts it in <see cref="Lost"/> when the queue is full. One background
/// task writes the queue in batches of up to <c>maxBatch</c> samples per transaction, gathering for
/// at most <c>interval</c> after the first sample so the disk sees a few commits a second, not one
/// per sample. Losses (full queue or store failure) are raised through <see cref="LossReported"/>
/// from the writer task, at most once per batch, so a flood of losses cannot flood the event log.
/// The store is not owned: dispose it after this.
/// </summary>
public sealed class Archiver : IAsyncDisposable
{
    private readonly IControlStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _interval;
    private readonly int _maxBatch;
    private readonly Channel<ArchiveSample> _queue;
    private readonly Lock _gate = new();
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];
    private readonly Task _writer;
    private TaskCompletionSource _flushRequested = NewSignal();
    private long _offered, _processed, _lost, _reported;
    private volatile bool _disposed;

    public Archiver(IControlStore store, TimeProvider time, int capacity, int maxBatch = 5000, TimeSpan? interval = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _store = store;
        _time = time;
        _maxBatch = maxBatch;
        _interval = interval ?? TimeSpan.FromMilliseconds(100);
        _queue = Channel.CreateBounded<ArchiveSample>(new BoundedChannelOptions(capacity) { FullMode = BoundedChannelFullMode.Wait });
        _writer = Task.Run(WriteLoopAsync);
    }

    /// <summary>Samples refused (queue full) or lost to store failures since start.</summary>
    public long Lost => Interlocked.Read(ref _lost);

    /// <summary>Raised on the writer task when samples were lost; handlers must be quick and must not throw.</summary>
    public event Action<ArchiveLoss>? LossReported;

    /// <summary>Queues a sample; false (and counted in <see cref="Lost"/>) when the queue is full.</summary>
    public bool Offer(ArchiveSample sample)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (string.IsNullOrWhiteSpace(sample.Channel) || !double.IsFinite(sample.Value))
            throw new ArgumentException($"Cannot archive {sample}: empty channel or non-finite value.", nameof(sample));
        if (_queue.Writer.TryWrite(sample))
        {
            // Counted after the write: a flush target never includes a sample that is not in the queue.
            Interlocked.Increment(ref _offered);
            return true;
        }
        Interlocked.Increment(ref _lost);
        return false;
    }

    /// <summary>Completes when every sample offered before the call is written or reported lost.</summary>
    public Task FlushAsync()
    {
        long target = Interlocked.Read(ref _offered);
        lock (_gate)
        {
            if (_processed >= target) return Task.CompletedTask;
            if (_writer.IsCompleted) return _writer;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((target, done));
            _flushRequested.TrySetResult();
            return done.Task;
        }
    }

    /// <summary>Writes what is queued, then stops the writer.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed) return;
        _disposed = true;
        _queue.Writer.TryComplete();
        await _writer.ConfigureAwait(false);
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<ArchiveSample>(_maxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                Fill(batch);
                if (batch.Count < _maxBatch && WaitSignal() is { } flush)
                {
                    await Task.WhenAny(Task.Delay(_interval, _time), flush).ConfigureAwait(false);
                    Fill(batch);
                }
                // Reported before completing flushes, so a flush that returns has seen its losses reported.
                Report(Store(batch));
                Completed(batch.Count);
                batch.Clear();
            }
        }
        catch (Exception ex)
        {
            // Only a throwing LossReported handler gets here: waiting flushes must fail, not hang.
            lock (_gate)
            {
                foreach (var (_, done) in _flushes) done.TrySetException(ex);
                _flushes.Clear();
            }
            throw;
        }
    }

    private void Fill(List<ArchiveSample> batch)
    {
        while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var sample)) batch.Add(sample);
    }

    /// <summary>The signal a flush raises, or null when one is already waiting (then do not gather).</summary>
    private Task? WaitSignal()
    {
        lock (_gate)
        {
            if (_flushes.Count > 0 || _queue.Reader.Completion.IsCompleted || _disposed) return null;
            if (_flushRequested.Task.IsCompleted) _flushRequested = NewSignal();
            return _flushRequested.Task;
        }
    }

    /// <summary>Returns the failure instead of throwing: a lost batch must not stop the archiver.</summary>
    private Exception? Store(List<ArchiveSample> batch)
    {
        try
        {
            _store.AppendSamples(batch);
            return null;
        }
        catch (Exception ex) when (ex is StorageException or ArgumentException or ObjectDisposedException)
        {
            Interlocked.Add(ref _lost, batch.Count);
            return ex;
        }
    }

    private void Completed(int count)
    {
        lock (_gate)
        {
            _processed += count;
            for (int i = _flushes.Count - 1; i >= 0; i--)
            {
                if (_flushes[i].Target > _processed) continue;
                _flushes[i].Done.TrySetResult();
                _flushes.RemoveAt(i);
            }
        }
    }

    private void Report(Exception? error)
    {
        long total = Interlocked.Read(ref _lost);
        if (total == _reported) return;
        var loss = new ArchiveLoss(total - _reported, total, error);
        _reported = total;
        LossReported?.Invoke(loss);
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
