using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Security;

namespace Vepp2k.Web;

/// <summary>
/// Who is calling: a sign-in token (Authorization: Bearer, or the vepp2k_token cookie of the
/// console) or HTTP Basic credentials (scripts, the CLI). Verified Basic credentials are remembered
/// by their SHA-256 for a few minutes so scripts do not pay the PBKDF2 cost on every request.
/// </summary>
public sealed class ApiAuth(UserDirectory users, TimeProvider time)
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);
    private static readonly TimeSpan BasicCache = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (string User, Role Role, DateTimeOffset Expires)> _tokens = new();
    private readonly ConcurrentDictionary<string, (string User, Role Role, DateTimeOffset Expires)> _basic = new();

    public (string Token, Role Role, DateTimeOffset Expires)? SignIn(string user, string password)
    {
        if (users.Authenticate(user, password) is not { } role) return null;
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var expires = time.GetUtcNow() + TokenLifetime;
        _tokens[token] = (user, role, expires);
        return (token, role, expires);
    }

    public void SignOut(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The caller as a write context, or null when not (or wrongly) authenticated.</summary>
    public WriteContext? Identify(HttpContext http)
    {
        string header = http.Request.Headers.Authorization.ToString();
        var now = time.GetUtcNow();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return FromToken(header[7..].Trim(), now);
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
            return FromBasic(header[6..].Trim(), now);
        if (http.Request.Cookies.TryGetValue("vepp2k_token", out var cookie)) return FromToken(cookie, now);
        if (http.Request.Query.TryGetValue("token", out var query)) return FromToken(query.ToString(), now);
        return null;
    }

    private WriteContext? FromToken(string token, DateTimeOffset now) =>
        _tokens.TryGetValue(token, out var t) && t.Expires > now ? new WriteContext(t.User, t.Role, "http") : null;

    private WriteContext? FromBasic(string encoded, DateTimeOffset now)
    {
        string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(encoded)));
        if (_basic.TryGetValue(key, out var cached) && cached.Expires > now) return new WriteContext(cached.User, cached.Role, "http");
        string text;
        try { text = Encoding.UTF8.GetString(Convert.FromBase64String(encoded)); }
        catch (FormatException) { return null; }
        int colon = text.IndexOf(':');
        if (colon <= 0) return null;
        string user = text[..colon];
        if (users.Authenticate(user, text[(colon + 1)..]) is not { } role) return null;
        _basic[key] = (user, role, now + BasicCache);
        return new WriteContext(user, role, "http");
    }
}
