namespace Vepp2k.Control.Security;

/// <summary>
/// Slows password guessing. Failed sign-ins are counted per user name and per client address; after
/// <see cref="FreeFailures"/> of them a key is locked, first for <see cref="FirstLockout"/>, doubling
/// with every further failure up to <see cref="MaxLockout"/>. While either key of an attempt is locked
/// its password is not even checked, so 30 guesses cost minutes, not a second and a half. A success
/// clears both keys; a key without failures for <see cref="Forget"/> is forgotten.
/// The price: someone who knows a user name can keep that user locked out for up to
/// <see cref="MaxLockout"/> at a time; the address key alone would not stop a guesser with many addresses.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    // Beyond this many keys the forgotten ones are swept, so a flood of random names cannot grow memory without end.
    private const int SweepAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Failures, DateTimeOffset Last, DateTimeOffset LockedUntil)> _keys = new(StringComparer.Ordinal);

    /// <summary>How long to wait before a password of this user from this address is checked; null: check it now.</summary>
    public TimeSpan? RetryAfter(string user, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var until = new[] { UserKey(user), AddressKey(address) }
                .Select(k => _keys.TryGetValue(k, out var s) ? s.LockedUntil : DateTimeOffset.MinValue).Max();
            return until > now ? until - now : null;
        }
    }

    /// <summary>Counts a wrong password; returns the lockout it caused (null while failures are still free).</summary>
    public TimeSpan? Failed(string user, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (_keys.Count > SweepAbove)
                foreach (var stale in _keys.Where(k => now - k.Value.Last > Forget).Select(k => k.Key).ToList()) _keys.Remove(stale);
            TimeSpan? longest = null;
            foreach (var key in new[] { UserKey(user), AddressKey(address) })
            {
                int failures = _keys.TryGetValue(key, out var s) && now - s.Last <= Forget ? s.Failures + 1 : 1;
                var lockout = Lockout(failures);
                _keys[key] = (failures, now, lockout is { } l ? now + l : DateTimeOffset.MinValue);
                if (lockout > (longest ?? TimeSpan.Zero)) longest = lockout;
            }
            return longest;
        }
    }

    public void Succeeded(string user, string address)
    {
        lock (_gate)
        {
            _keys.Remove(UserKey(user));
            _keys.Remove(AddressKey(address));
        }
    }

    /// <summary>The lockout after this many consecutive failures: none for the free ones, then doubling to the cap.</summary>
    public static TimeSpan? Lockout(int failures) => failures < FreeFailures ? null
        : TimeSpan.FromSeconds(Math.Min(MaxLockout.TotalSeconds, FirstLockout.TotalSeconds * Math.Pow(2, failures - FreeFailures)));

    private static string UserKey(string user) => "user:" + user.ToLowerInvariant();

    private static string AddressKey(string address) => "address:" + address;
}
