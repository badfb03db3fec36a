namespace Vepp2k.Control.Quench;

/// <summary>
/// Threshold-and-validation detector: a quench is declared only when the resistive voltage has stayed
/// above the threshold for the whole validation time, so short spikes are rejected.
/// </summary>
internal sealed class QuenchDetector(double threshold, TimeSpan validation)
{
    private DateTimeOffset? _aboveSince;

    /// <summary>Feeds one sample; returns true on the sample at which the quench is validated.</summary>
    public bool Sample(DateTimeOffset time, double resistiveVoltage)
    {
        if (Math.Abs(resistiveVoltage) <= threshold)
        {
            _aboveSince = null;
            return false;
        }
        _aboveSince ??= time;
        return time - _aboveSince.Value >= validation;
    }

    public void Reset() => _aboveSince = null;
}
