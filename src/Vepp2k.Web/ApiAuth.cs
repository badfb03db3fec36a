using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Security;

namespace Vepp2k.Web;

/// <summary>The outcome of a password check: a role, a wrong password, or no check at all because of a lockout.</summary>
public readonly record struct SignInOutcome(Role? Role, TimeSpan? RetryAfter)
{
    /// <summary>The refusal text for a throttled attempt, with when to try again.</summary>
    public string Refusal => $"too many wrong passwords: try again in {Math.Ceiling(RetryAfter!.Value.TotalSeconds):F0} s";
}

/// <summary>
/// Who is calling: a sign-in token (Authorization: Bearer, or the vepp2k_token cookie of the
/// console) or HTTP Basic credentials (scripts, the CLI). Verified Basic credentials are remembered
/// by their SHA-256 for a few minutes so scripts do not pay the PBKDF2 cost on every request.
/// Every password check (sign-in or Basic) goes through the <see cref="LoginThrottle"/> and is an
/// Access event: success, wrong password, or refused while locked out.
/// </summary>
public sealed class ApiAuth(UserDirectory users, TimeProvider time, EventJournal journal)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan BasicCache = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string User, Role Role, DateTimeOffset Expires)> _tokens = new();
    private readonly ConcurrentDictionary<string, (string User, Role Role, DateTimeOffset Expires)> _basic = new();
    private readonly LoginThrottle _throttle = new(time);

    /// <summary>Checks a password, unless the user or the address is locked out; logs the outcome.</summary>
    public SignInOutcome CheckPassword(string user, string password, string address, string how)
    {
        if (_throttle.RetryAfter(user, address) is { } wait)
        {
            var refused = new SignInOutcome(null, wait);
            journal.Log(EventKind.Access, user, $"login/{address}", $"{how} refused", result: "refused: " + refused.Refusal);
            return refused;
        }
        if (users.Authenticate(user, password) is { } role)
        {
            _throttle.Succeeded(user, address);
            journal.Log(EventKind.Access, user, $"login/{address}", $"{how} signed in", null, role.ToString(), "applied");
            return new SignInOutcome(role, null);
        }
        var lockout = _throttle.Failed(user, address);
        journal.Log(EventKind.Access, user, $"login/{address}", $"{how} wrong user name or password",
            result: lockout is { } l ? $"refused: locked for {l.TotalSeconds:F0} s" : "refused");
        return new SignInOutcome(null, null);
    }

    /// <summary>A token for a user whose password <see cref="CheckPassword"/> accepted.</summary>
    public (string Token, Role Role, DateTimeOffset Expires) SignIn(string user, Role role)
    {
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var expires = time.GetUtcNow() + TokenLifetime;
        _tokens[token] = (user, role, expires);
        return (token, role, expires);
    }

    public void SignOut(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The caller as a write context, or null when not (or wrongly) authenticated.</summary>
    public WriteContext? Identify(HttpContext http) => Check(http).Who;

    /// <summary>The caller, or why not: RetryAfter is set when Basic credentials were not checked because of a lockout.</summary>
    public (WriteContext? Who, TimeSpan? RetryAfter) Check(HttpContext http)
    {
        string header = http.Request.Headers.Authorization.ToString();
        var now = time.GetUtcNow();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return (FromToken(header[7..].Trim(), now), null);
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return FromBasic(header[6..].Trim(), Address(http), now);
        if (http.Request.Cookies.TryGetValue("vepp2k_token", out var cookie)) return (FromToken(cookie, now), null);
        if (http.Request.Query.TryGetValue("token", out var query)) return (FromToken(query.ToString(), now), null);
        return (null, null);
    }

    /// <summary>The client address the throttle counts (the connection's; no proxy headers are trusted).</summary>
    public static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private WriteContext? FromToken(string token, DateTimeOffset now) =>
        _tokens.TryGetValue(token, out var t) && t.Expires > now ? new WriteContext(t.User, t.Role, "http") : null;

    private (WriteContext?, TimeSpan?) FromBasic(string encoded, string address, DateTimeOffset now)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)));
        if (_basic.TryGetValue(key, out var cached) && cached.Expires > now) return (new WriteContext(cached.User, cached.Role, "http"), null);
        string text;
        try { text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
        catch (FormatException) { return (null, null); }
        int colon = text.IndexOf(':');
        if (colon <= 0) return (null, null);
        string user = text[..colon];
        var outcome = CheckPassword(user, text[(colon + 1)..], address, "http basic");
        if (outcome.Role is not { } role) return (null, outcome.RetryAfter);
        _basic[key] = (user, role, now + BasicCache);
        return (new WriteContext(user, role, "http"), null);
    }
}
