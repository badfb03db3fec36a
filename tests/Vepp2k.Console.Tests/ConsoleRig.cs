using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;
using Vepp2k.Control.Runtime;
using Vepp2k.Web;

namespace Vepp2k.Console.Tests;

/// <summary>
/// The control system with its HTTP server on a free loopback port (simulated time 20x real time,
/// test hooks on), and a page of the shared browser that records every console error and page error.
/// </summary>
internal sealed class ConsoleRig : IAsyncDisposable
{
    public const string AdminPassword = "admin-secret";
    private readonly string _folder;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly IBrowserContext _context;

    private ConsoleRig(string folder, ControlSystem system, WebApplication app, IBrowserContext context, IPage page)
    {
        (_folder, System, App, _context, Page) = (folder, system, app, context, page);
        _loop = system.RunAsync(_stop.Token);
        Base = new Uri(app.Urls.First());
        page.Console += (_, m) => { if (m.Type == "error" && !Expected(m)) Errors.Add($"console: {m.Text} ({m.Location})"); };
        page.PageError += (_, e) => Errors.Add($"page error: {e}");
    }

    public ControlSystem System { get; }
    public WebApplication App { get; }
    public Uri Base { get; }
    public IPage Page { get; }
    public List<string> Errors { get; } = [];

    /// <summary>
    /// A refusal the test provokes on purpose: Chromium logs every 4xx answer as a failed resource
    /// load, which is the API saying no (shown by the console), not an error of the console.
    /// </summary>
    public void ExpectRefusal(string path, int status) => _refusals.Add((path, status));

    private readonly List<(string Path, int Status)> _refusals = [];

    private bool Expected(IConsoleMessage m) => _refusals.Any(r =>
        m.Text.StartsWith($"Failed to load resource: the server responded with a status of {r.Status} ", StringComparison.Ordinal)
        && m.Location.StartsWith(new Uri(Base, r.Path) + ":", StringComparison.Ordinal));

    public static async Task<ConsoleRig> Start(IBrowser browser, int width = 1600, int height = 900)
    {
        string folder = Path.Combine(Path.GetTempPath(), "vepp2k-console-" + Guid.NewGuid().ToString("N"));
        var system = ControlSystem.Start(new ControlSystemOptions { DataFolder = folder, AdminPassword = AdminPassword }, new ScaledTimeProvider(20));
        var app = ControlServer.Create(system, new ServerOptions("127.0.0.1", 0, system.Options.Mode, TestHooks: true));
        await app.StartAsync();
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);
        return new ConsoleRig(folder, system, app, context, page);
    }

    public HttpClient Client(string user, string password)
    {
        var c = new HttpClient { BaseAddress = Base, Timeout = TimeSpan.FromSeconds(60) };
        c.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return c;
    }

    public HttpClient Admin() => Client("admin", AdminPassword);

    public async Task NewUser(string name, string role, string password)
    {
        var r = await Admin().PostAsJsonAsync("/api/users", new { name, role, password });
        r.EnsureSuccessStatusCode();
    }

    public static async Task<JsonElement> Json(HttpResponseMessage r) => JsonDocument.Parse(await r.Content.ReadAsStringAsync()).RootElement;

    /// <summary>Opens the console and signs in; returns when the ring is drawn.</summary>
    public async Task SignIn(string user = "admin", string password = AdminPassword)
    {
        await Page.GotoAsync(Base.ToString());
        await Page.FillAsync("#login-user", user);
        await Page.FillAsync("#login-password", password);
        await Page.ClickAsync("#login-submit");
        await Page.WaitForSelectorAsync("#ring .mag");
        await Page.WaitForSelectorAsync("#link.up");
    }

    /// <summary>The end of every test: a screenshot, and no console or page error on the way.</summary>
    public async Task Finish(string name)
    {
        await Page.ScreenshotAsync(new() { Path = Path.Combine(Screenshots.Folder, name + ".png") });
        Assert.True(Errors.Count == 0, "browser errors:\n" + string.Join("\n", Errors));
    }

    public async ValueTask DisposeAsync()
    {
        await _context.DisposeAsync();
        await App.DisposeAsync();
        _stop.Cancel();
        await _loop;
        await System.DisposeAsync();
        try { Directory.Delete(_folder, true); } catch (IOException) { }
    }
}

/// <summary>Where screenshots go: $VEPP2K_SCREENSHOTS, else TestResults/screenshots of this project.</summary>
internal static class Screenshots
{
    public static string Folder { get; } = Directory.CreateDirectory(Environment.GetEnvironmentVariable("VEPP2K_SCREENSHOTS")
        ?? Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots")).FullName;
}
