using Vepp2k.Control.Security;

namespace Vepp2k.Control.Tests.Security;

/// <summary>
/// The documented policy: 5 free failures, then 1 s doubling per failure to 15 min, for a user at an
/// address and for a user anywhere except where it signed in lately; 20 free for an address over all users.
/// </summary>
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
    public void TheUserIsLockedFromEveryAddressAndTheAddressForEveryUserAfterItsOwnCount()
    {
        var clock = new ManualTimeProvider();
        var t = new LoginThrottle(clock);
        for (int i = 0; i < 5; i++) t.Failed("admin", "10.0.0.1");
        Assert.NotNull(t.RetryAfter("admin", "10.0.0.2"));
        // A shared control-room console: other operators' attempts go on until the address itself has 20 failures.
        Assert.Null(t.RetryAfter("olga", "10.0.0.1"));
        for (int i = 0; i < 14; i++) Assert.Null(t.Failed($"user{i}", "10.0.0.1"));
        Assert.Equal(TimeSpan.FromSeconds(1), t.Failed("olga", "10.0.0.1"));
        Assert.NotNull(t.RetryAfter("petr", "10.0.0.1"));
        Assert.Null(t.RetryAfter("olga", "10.0.0.2"));
    }

    [Fact]
    public void AStrangerCannotLockAUserOutOfTheConsoleItSignsInFromButStaysLockedItself()
    {
        var clock = new ManualTimeProvider();
        var t = new LoginThrottle(clock);
        t.Succeeded("alice", "control-room");
        clock.Advance(3600);
        for (int i = 0; i < 12; i++) t.Failed("alice", "stranger");
        Assert.Equal(LoginThrottle.Lockout(12), t.RetryAfter("alice", "stranger"));
        Assert.Null(t.RetryAfter("alice", "control-room"));
        // Elsewhere the user-wide key still holds: many addresses do not buy many guesses.
        Assert.Equal(LoginThrottle.Lockout(12), t.RetryAfter("alice", "another-stranger"));
        // Trust fades when the user has not signed in there for a month.
        clock.Advance(LoginThrottle.Trust.TotalSeconds);
        for (int i = 0; i < 12; i++) t.Failed("alice", "stranger");
        Assert.NotNull(t.RetryAfter("alice", "control-room"));
    }

    [Fact]
    public void SigningInToOnesOwnAccountDoesNotResetTheAddressCount()
    {
        var clock = new ManualTimeProvider();
        var t = new LoginThrottle(clock);
        for (int i = 0; i < 19; i++) t.Failed($"victim{i}", "guesser");
        t.Succeeded("guesser-own-account", "guesser");
        Assert.NotNull(t.Failed("victim-next", "guesser"));
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
