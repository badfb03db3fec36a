namespace Vepp2k.Control.History;

public abstract partial class SqlControlStore
{
    public IReadOnlyList<ArchiveSample> QuerySamples(string channel, DateTimeOffset from, DateTimeOffset to, int limit = 100_000)
    {
        StoreInput.Name(channel, nameof(channel));
        StoreInput.Range(from, to, limit, nameof(limit));
        return Read("query samples", c =>
        {
            using var cmd = Command(c, null,
                "SELECT time_us, value, severity FROM samples WHERE channel = @c AND time_us >= @f AND time_us <= @t " +
                "ORDER BY time_us LIMIT @limit",
                ("@c", channel), ("@f", UnixMicros.From(from)), ("@t", UnixMicros.From(to)), ("@limit", (long)limit));
            using var reader = cmd.ExecuteReader();
            var rows = new List<ArchiveSample>();
            while (reader.Read())
                rows.Add(new ArchiveSample(channel, UnixMicros.ToTime(reader.GetInt64(0)), reader.GetDouble(1), reader.GetInt32(2)));
            return rows;
        });
    }

    /// <summary>Binning happens in SQL so a year of samples never crosses the connection; see <see cref="DecimationBins"/>.</summary>
    public IReadOnlyList<DecimatedBin> QueryDecimated(string channel, DateTimeOffset from, DateTimeOffset to, int bins)
    {
        StoreInput.Name(channel, nameof(channel));
        StoreInput.Range(from, to, bins, nameof(bins));
        var grid = DecimationBins.Of(from, to, bins);
        return Read("query decimated samples", c =>
        {
            using var cmd = Command(c, null,
                "SELECT (time_us - @f) / @w AS bin, COUNT(*), MIN(value), MAX(value), AVG(value) FROM samples " +
                "WHERE channel = @c AND time_us >= @f AND time_us <= @t GROUP BY bin ORDER BY bin",
                ("@c", channel), ("@f", grid.From), ("@t", grid.To), ("@w", grid.Width));
            using var reader = cmd.ExecuteReader();
            var rows = new List<DecimatedBin>();
            while (reader.Read())
            {
                rows.Add(grid.Bin(reader.GetInt64(0), (int)reader.GetInt64(1), reader.GetDouble(2), reader.GetDouble(3),
                    reader.GetDouble(4)));
            }
            return rows;
        });
    }

    public DateTimeOffset? LastRecordTime() => Read("find the newest record", c =>
    {
        // Two MAX over indexed time columns: each an index lookup, not a scan.
        var last = Scalar(c, null, "SELECT MAX(t) FROM (SELECT MAX(time_us) AS t FROM samples UNION ALL SELECT MAX(time_us) FROM events) AS newest");
        return last is null or DBNull ? (DateTimeOffset?)null : UnixMicros.ToTime(Convert.ToInt64(last, System.Globalization.CultureInfo.InvariantCulture));
    });

    public long ApplyRetention(RetentionPolicy policy, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        if (policy.Samples < TimeSpan.Zero || policy.Events < TimeSpan.Zero)
            throw new ArgumentException("Retention periods must not be negative.", nameof(policy));
        return Write("apply retention", (c, tx) =>
        {
            long removed = 0;
            if (policy.Samples is { } keepSamples)
                removed += Execute(c, tx, "DELETE FROM samples WHERE time_us < @cut", ("@cut", UnixMicros.From(now - keepSamples)));
            if (policy.Events is { } keepEvents)
                removed += Execute(c, tx, "DELETE FROM events WHERE time_us < @cut", ("@cut", UnixMicros.From(now - keepEvents)));
            return removed;
        });
    }
}
