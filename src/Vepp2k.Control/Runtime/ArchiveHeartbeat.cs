using System.Collections.Concurrent;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// Remembers when each channel was last archived, so every numeric channel is archived at least once
/// per <see cref="Period"/> even when it holds still inside its deadband: a history query over any
/// window that long finds a value, and a plot of a quiet channel is not empty.
/// </summary>
public sealed class ArchiveHeartbeat(TimeSpan period)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    public TimeSpan Period => period;

    public void Archived(string path, DateTimeOffset time) => _last[path] = time;

    public bool Due(string path, DateTimeOffset now) => !_last.TryGetValue(path, out var last) || now - last >= period;
}
