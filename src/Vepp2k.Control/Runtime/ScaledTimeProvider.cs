namespace Vepp2k.Control.Runtime;

/// <summary>
/// Simulated time running <see cref="Scale"/> times faster than the wall clock (1 = real time),
/// so demos and tests can watch minutes of ramps in seconds. Timers use the wall clock.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly DateTimeOffset _start;
    private readonly long _startTicks;

    public ScaledTimeProvider(double scale)
    {
        if (!(scale > 0 && scale <= 1000)) throw new ArgumentOutOfRangeException(nameof(scale), $"time scale {scale} must be in (0, 1000]");
        Scale = scale;
        _start = System.GetUtcNow();
        _startTicks = System.GetTimestamp();
    }

    public double Scale { get; }

    public override DateTimeOffset GetUtcNow() =>
        _start + TimeSpan.FromSeconds(System.GetElapsedTime(_startTicks).TotalSeconds * Scale);
}
