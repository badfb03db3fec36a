namespace Vepp2k.Control.Security;

/// <summary>
/// Slows password guessing without letting a stranger lock operators out of their own consoles.
/// Failed sign-ins are counted under three keys, each locked after its free failures for
/// <see cref="FirstLockout"/>, doubling with every further failure up to <see cref="MaxLockout"/>:
/// <list type="bullet">
/// <item>the user at the address (<see cref="FreeFailures"/> free): one guesser after one account;</item>
/// <item>the address over all users (<see cref="FreeAddressFailures"/> free, more, because a control-room
/// console is shared by several operators who each mistype): one guesser spraying user names;</item>
/// <item>the user over all addresses (<see cref="FreeFailures"/> free): guessers with many addresses.
/// This key does not hold at an address where the user signed in within <see cref="Trust"/>, so
/// someone who knows a user name can lock it out only where it was not in use.</item>
/// </list>
/// While a key of an attempt is locked its password is not even checked, so 30 guesses cost minutes,
/// not a second and a half. A success clears the user's keys (not the address's: a guesser with one
/// account of its own must not reset its count by signing in to it); a key without failures for
/// <see cref="Forget"/> is forgotten. The state is in memory: a restart forgets it.
/// </summary>
public sealed class LoginThrottle(TimeProvider time)
{
    public const int FreeFailures = 5;
    public const int FreeAddressFailures = 20;
    public static readonly TimeSpan FirstLockout = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxLockout = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Forget = TimeSpan.FromHours(1);
    public static readonly TimeSpan Trust = TimeSpan.FromDays(30);
    // Beyond this many entries the forgotten ones are swept, so a flood of random names cannot grow memory without end.
    private const int SweepAbove = 10_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, (int Failures, DateTimeOffset Last, DateTimeOffset LockedUntil)> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _trusted = new(StringComparer.Ordinal);

    /// <summary>How long to wait before a password of this user from this address is checked; null: check it now.</summary>
    public TimeSpan? RetryAfter(string user, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var until = Keys(user, address, now).Select(k => _keys.TryGetValue(k.Key, out var s) ? s.LockedUntil : DateTimeOffset.MinValue).Max();
            return until > now ? until - now : null;
        }
    }

    /// <summary>Counts a wrong password; returns the longest lockout it caused for this user at this address (null while free).</summary>
    public TimeSpan? Failed(string user, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            TimeSpan? longest = null;
            // Every key counts the failure, the user's own key too where it does not hold (a trusted address).
            foreach (var (key, free) in AllKeys(user, address))
            {
                int failures = _keys.TryGetValue(key, out var s) && now - s.Last <= Forget ? s.Failures + 1 : 1;
                var lockout = Lockout(failures, free);
                _keys[key] = (failures, now, lockout is { } l ? now + l : DateTimeOffset.MinValue);
            }
            foreach (var (key, _) in Keys(user, address, now))
            {
                var wait = _keys[key].LockedUntil - now;
                if (wait > TimeSpan.Zero && (longest is null || wait > longest)) longest = wait;
            }
            return longest;
        }
    }

    public void Succeeded(string user, string address)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            Sweep(now);
            _keys.Remove(PairKey(user, address));
            _keys.Remove(UserKey(user));
            _trusted[PairKey(user, address)] = now;
        }
    }

    /// <summary>The lockout after this many consecutive failures: none for the free ones, then doubling to the cap.</summary>
    public static TimeSpan? Lockout(int failures, int free = FreeFailures) => failures < free ? null
        : TimeSpan.FromSeconds(Math.Min(MaxLockout.TotalSeconds, FirstLockout.TotalSeconds * Math.Pow(2, failures - free)));

    private static (string Key, int Free)[] AllKeys(string user, string address) =>
        [(PairKey(user, address), FreeFailures), (AddressKey(address), FreeAddressFailures), (UserKey(user), FreeFailures)];

    // The keys that hold for this attempt: the user's own only where the user has not signed in lately.
    private IEnumerable<(string Key, int Free)> Keys(string user, string address, DateTimeOffset now) =>
        _trusted.TryGetValue(PairKey(user, address), out var since) && now - since <= Trust ? AllKeys(user, address)[..2] : AllKeys(user, address);

    private void Sweep(DateTimeOffset now)
    {
        if (_keys.Count > SweepAbove)
            foreach (var stale in _keys.Where(k => now - k.Value.Last > Forget).Select(k => k.Key).ToList()) _keys.Remove(stale);
        if (_trusted.Count > SweepAbove)
            foreach (var stale in _trusted.Where(k => now - k.Value > Trust).Select(k => k.Key).ToList()) _trusted.Remove(stale);
    }

    private static string PairKey(string user, string address) => $"pair:{user.ToLowerInvariant()}@{address}";

    private static string UserKey(string user) => "user:" + user.ToLowerInvariant();

    private static string AddressKey(string address) => "address:" + address;
}
