using System.Globalization;

namespace Vepp2k.Control.History;

/// <summary>
/// A stretch of time the control system did not run, so nothing was archived or logged: from the
/// previous run's newest record to the next start. <see cref="CleanStop"/> is false when the previous
/// run ended without its ServerStopped event (a crash, a kill, a power cut).
/// </summary>
public sealed record HistoryGap(DateTimeOffset From, DateTimeOffset To, bool CleanStop);

/// <summary>
/// The start and stop marks of the server in the event log, and the gaps they bound. The gap is
/// kept in the ServerStarted event itself (old value = the newest record before the start, new
/// value = the start), so finding gaps is one event query and survives sample retention.
/// </summary>
public static class HistoryGaps
{
    public const string Subject = "VEPP/Control/Server";
    public const string Started = "ServerStarted";
    public const string Stopped = "ServerStopped";
    private const string AfterUnclean = "after an unclean stop";

    /// <summary>The ServerStarted event for a start at <paramref name="now"/>, built from what the store holds.</summary>
    public static EventRecord StartEvent(IControlStore store, DateTimeOffset now, string detail)
    {
        var last = store.LastRecordTime();
        var previous = store.QueryEvents(new EventQuery(Subject: Subject, Limit: 1)).FirstOrDefault();
        string how = previous is null ? "first start" : previous.Message == Stopped ? "after a clean stop" : AfterUnclean + " (no ServerStopped)";
        return new EventRecord(0, now, EventKind.State, "system", Subject, Started,
            last?.ToString("O", CultureInfo.InvariantCulture), now.ToString("O", CultureInfo.InvariantCulture), $"{how}; {detail}");
    }

    /// <summary>The gaps that overlap [from, to], oldest first.</summary>
    public static IReadOnlyList<HistoryGap> In(IControlStore store, DateTimeOffset from, DateTimeOffset to) =>
        [.. store.QueryEvents(new EventQuery(From: from, Subject: Subject, Text: Started, Limit: 100_000))
            .Where(e => e.Message == Started && e.OldValue is not null)
            .Select(e => new HistoryGap(DateTimeOffset.Parse(e.OldValue!, CultureInfo.InvariantCulture), e.Time, !e.Result.StartsWith(AfterUnclean, StringComparison.Ordinal)))
            .Where(g => g.From <= to)
            .OrderBy(g => g.To)];
}
