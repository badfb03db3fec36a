using System.Globalization;

namespace Vepp2k.Control.History;

/// <summary>
/// Archive losses counted across restarts: every loss event carries the total since the first start
/// in its new value, so the next start continues from the newest one (events are kept forever by
/// default; a loss event the store refused reaches it through the shutdown spill file).
/// </summary>
public static class ArchiveLossTotal
{
    public const string Subject = "VEPP/Control/ArchiveLost";

    /// <summary>The total lost by earlier runs.</summary>
    public static long Before(IControlStore store) =>
        store.QueryEvents(new EventQuery(Subject: Subject, Kind: EventKind.System, Limit: 1)).FirstOrDefault()?.NewValue is { } v
        && long.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out long total) ? total : 0;
}
