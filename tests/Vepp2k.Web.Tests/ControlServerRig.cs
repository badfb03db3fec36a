using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Vepp2k.Control.Runtime;
using Vepp2k.Web;

namespace Vepp2k.Web.Tests;

/// <summary>The control system with its HTTP server on a free loopback port, simulated time 20x real time.</summary>
internal sealed class ControlServerRig : IAsyncDisposable
{
    public const string AdminPassword = "admin-secret";
    private readonly string? _ownFolder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    private ControlServerRig(ControlSystem system, WebApplication app, string? ownFolder)
    {
        _ownFolder = ownFolder;
        System = system;
        App = app;
        _loop = system.RunAsync(_stop.Token);
        Base = new Uri(app.Urls.First());
    }

    public ControlSystem System { get; }
    public WebApplication App { get; }
    public Uri Base { get; }

    /// <param name="folder">A data folder the caller owns (kept for a restart); null for a fresh one deleted with the rig.</param>
    /// <param name="timeScale">Simulated time speed; 1 where runs on one folder must not overlap in time.</param>
    /// <param name="signInClock">The sign-in throttle's clock; null for the wall clock.</param>
    public static async Task<ControlServerRig> Start(string? folder = null, double timeScale = 20, TimeProvider? signInClock = null)
    {
        string data = folder ?? Path.Combine(Path.GetTempPath(), "vepp2k-web-" + Guid.NewGuid().ToString("N"));
        var system = ControlSystem.Start(new ControlSystemOptions { DataFolder = data, AdminPassword = AdminPassword }, new ScaledTimeProvider(timeScale));
        var app = ControlServer.Create(system, new ServerOptions("127.0.0.1", 0), signInClock);
        await app.StartAsync();
        return new ControlServerRig(system, app, folder is null ? data : null);
    }

    public HttpClient Client(string? user = null, string? password = null)
    {
        var c = new HttpClient { BaseAddress = Base, Timeout = TimeSpan.FromSeconds(60) };
        if (user is not null)
            c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return c;
    }

    public HttpClient Admin() => Client("admin", AdminPassword);

    public async Task<HttpClient> NewUser(string name, string role)
    {
        var r = await Admin().PostAsJsonAsync("/api/users", new { name, role, password = name + "-password" });
        r.EnsureSuccessStatusCode();
        return Client(name, name + "-password");
    }

    public static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        _stop.Cancel();
        await _loop;
        await System.DisposeAsync();
        if (_ownFolder is not null)
            try { Directory.Delete(_ownFolder, true); } catch (IOException) { }
    }
}
