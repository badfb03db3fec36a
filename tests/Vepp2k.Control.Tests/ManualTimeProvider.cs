namespace Vepp2k.Control.Tests;

/// <summary>A clock the test moves by hand, so simulated time is exact and runs take no wall time.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Advance(double seconds) => _now += TimeSpan.FromSeconds(seconds);
}
