namespace Vepp2k.Control.History;

/// <summary>
/// The bin arithmetic both stores hand to SQL: [from, to] (microseconds, inclusive) cut into bins of
/// equal integer width ceil(span / bins), so bin = (t - from) / width never overflows 64 bits.
/// A bin covers [Start, Start + width); the last one is cut at <c>to</c>.
/// </summary>
internal readonly record struct DecimationBins(long From, long To, long Width)
{
    public static DecimationBins Of(DateTimeOffset from, DateTimeOffset to, int bins)
    {
        long f = UnixMicros.From(from), t = UnixMicros.From(to);
        long span = t - f + 1;
        return new DecimationBins(f, t, (span + bins - 1) / bins);
    }

    public DecimatedBin Bin(long index, int count, double min, double max, double mean)
    {
        long start = From + index * Width;
        return new DecimatedBin(UnixMicros.ToTime(start), UnixMicros.ToTime(Math.Min(start + Width, To)), count, min, max, mean);
    }
}
