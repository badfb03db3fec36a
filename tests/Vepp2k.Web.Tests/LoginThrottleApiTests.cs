using Microsoft.Extensions.Time.Testing;
using System.Net;
using System.Net.Http.Json;

namespace Vepp2k.Web.Tests;

public class LoginThrottleApiTests
{
    [Fact]
    public async Task ThirtyWrongPasswordsAreNotAllCheckedAndEveryAttemptIsLogged()
    {
        // The lockout runs on a clock the test steps: on a loaded machine 30 requests can outlast a wall-clock second.
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var rig = await ControlServerRig.Start(signInClock: clock);
        var client = rig.Client();
        var codes = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (int i = 0; i < 30; i++)
        {
            last = await client.PostAsJsonAsync("/api/login", new { user = "admin", password = $"guess-{i}" });
            codes.Add(last.StatusCode);
        }
        // Only the free failures were checked; the rest were refused with when to retry.
        Assert.Equal(5, codes.Count(c => c == HttpStatusCode.Unauthorized));
        Assert.Equal(25, codes.Count(c => c == HttpStatusCode.TooManyRequests));
        var retry = last!.Headers.RetryAfter!.Delta!.Value;
        Assert.InRange(retry.TotalSeconds, 1, 1);
        Assert.Contains("try again in", (await ControlServerRig.Json(last)).GetProperty("error").GetString());

        // Even the right password is not checked during the lockout (or a guesser would learn it)...
        var locked = await client.PostAsJsonAsync("/api/login", new { user = "admin", password = ControlServerRig.AdminPassword });
        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        // ...Basic credentials included...
        Assert.Equal(HttpStatusCode.TooManyRequests, (await rig.Admin().GetAsync("/api/whoami")).StatusCode);
        // ...and works once the lockout has passed.
        clock.Advance(retry + TimeSpan.FromMilliseconds(1));
        var ok = await client.PostAsJsonAsync("/api/login", new { user = "admin", password = ControlServerRig.AdminPassword });
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var events = rig.System.Store.QueryEvents(new(Kind: Control.History.EventKind.Access, User: "admin", Limit: 1000));
        Assert.Equal(5, events.Count(e => e.Message.Contains("wrong user name or password")));
        Assert.Equal(27, events.Count(e => e.Message.EndsWith("refused", StringComparison.Ordinal)));
        Assert.Single(events, e => e.Message == "sign-in signed in");
        Assert.All(events, e => Assert.StartsWith("login/", e.Subject));
    }
}
