using Vepp2k.Control.Security;

namespace Vepp2k.Control.Tests.Security;

/// <summary>The documented policy: 5 free failures, then 1 s doubling per failure to 15 min, per user and per address.</summary>
public class LoginThrottleTests
{
    [Fact]
    public void FiveFreeFailuresThenADoublingLockout()
    {
        var clock = new ManualTimeProvider();
        var t = new LoginThrottle(clock);
        for (int i = 0; i < 4; i++) Assert.Null(t.Failed("admin", "10.0.0.1"));
        Assert.Null(t.RetryAfter("admin", "10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(1), t.Failed("admin", "10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(1), t.RetryAfter("admin", "10.0.0.1"));
        clock.Advance(1);
        Assert.Null(t.RetryAfter("admin", "10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(2), t.Failed("admin", "10.0.0.1"));
        clock.Advance(2);
        Assert.Equal(TimeSpan.FromSeconds(4), t.Failed("admin", "10.0.0.1"));
        // 30 guesses: 5 free, then 1 + 2 + 4 + ... seconds of waiting, capped at 15 min each.
        Assert.Equal(TimeSpan.FromMinutes(15), LoginThrottle.Lockout(30));
    }

    [Fact]
    public void TheUserIsLockedFromEveryAddressAndTheAddressForEveryUser()
    {
        var clock = new ManualTimeProvider();
        var t = new LoginThrottle(clock);
        for (int i = 0; i < 5; i++) t.Failed("admin", "10.0.0.1");
        Assert.NotNull(t.RetryAfter("admin", "10.0.0.2"));
        Assert.NotNull(t.RetryAfter("olga", "10.0.0.1"));
        Assert.Null(t.RetryAfter("olga", "10.0.0.2"));
    }

    [Fact]
    public void ASuccessClearsTheCountAndOldFailuresAreForgotten()
    {
        var clock = new ManualTimeProvider();
        var t = new LoginThrottle(clock);
        for (int i = 0; i < 4; i++) t.Failed("admin", "a");
        t.Succeeded("admin", "a");
        Assert.Null(t.Failed("admin", "a"));
        for (int i = 0; i < 3; i++) t.Failed("admin", "a");
        clock.Advance(LoginThrottle.Forget + TimeSpan.FromSeconds(1));
        Assert.Null(t.Failed("admin", "a"));
    }
}
