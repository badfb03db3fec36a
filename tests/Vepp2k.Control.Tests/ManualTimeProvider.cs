namespace Vepp2k.Control.Tests;

/// <summary>A clock the test moves by hand, so simulated time is exact and runs take no wall time.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    private DateTimeOffset _now = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;

    public void Advance(double seconds) => _now += TimeSpan.FromSeconds(seconds);

    /// <summary>Runs a control system's device loop for this much simulated time at 10 Hz.</summary>
    public void Run(Runtime.ControlSystem system, double seconds)
    {
        for (double t = 0; t < seconds - 1e-9; t += 0.1)
        {
            Advance(0.1);
            system.Step();
        }
    }
}
