namespace Vepp2k.Epics.Server;

/// <summary>An auto-reset event: any number of Set calls before a wait wake it once.</summary>
internal sealed class Signal
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);
    private int _set;

    public void Set()
    {
        if (Interlocked.Exchange(ref _set, 1) == 0) _semaphore.Release();
    }

    /// <summary>Waits without holding a thread: an idle circuit costs no thread, only this object.</summary>
    public async Task WaitAsync(CancellationToken cancel)
    {
        await _semaphore.WaitAsync(cancel).ConfigureAwait(false);
        Volatile.Write(ref _set, 0);
    }
}
