namespace Vepp2k.Control.History;

/// <summary>
/// Times are stored as integer microseconds since the Unix epoch (UTC): exact, sortable, and the
/// same in SQLite and PostgreSQL. Finer ticks are truncated, so callers see microsecond times back.
/// </summary>
internal static class UnixMicros
{
    public static long From(DateTimeOffset time) =>
        (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long micros) =>
        DateTimeOffset.UnixEpoch.AddTicks(micros * TimeSpan.TicksPerMicrosecond);
}
