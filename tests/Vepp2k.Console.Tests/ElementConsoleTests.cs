using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Vepp2k.Console.Tests;

/// <summary>Sign-in, the ring drawing, the element panel, viewers' refusals and the live update latency.</summary>
[Collection("browser")]
public sealed class ElementConsoleTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static async Task<double> Setpoint(ConsoleRig rig, string element) =>
        (await ConsoleRig.Json(await rig.Admin().GetAsync($"/api/channels/VEPP/QUAD/{element}/SCur"))).GetProperty("value").GetDouble();

    [Fact]
    public async Task Signing_in_shows_the_ring_drawn_from_the_lattice()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        rig.ExpectRefusal("/api/login", 401);
        await rig.Page.GotoAsync(rig.Base.ToString());
        await rig.Page.FillAsync("#login-user", "admin");
        await rig.Page.FillAsync("#login-password", "wrong");
        await rig.Page.ClickAsync("#login-submit");
        await Assertions.Expect(rig.Page.Locator("#login-error")).ToContainTextAsync("wrong user name or password");
        await rig.SignIn();
        await Assertions.Expect(rig.Page.Locator("#who")).ToHaveTextAsync("admin (Admin)");
        // 24 quads, 12 solenoid sections, 8 dipoles (on PS); SND and CMD opposite each other.
        Assert.Equal(24, await rig.Page.Locator("#ring .mag.Quadrupole").CountAsync());
        Assert.Equal(12, await rig.Page.Locator("#ring .mag.SolenoidSection").CountAsync());
        Assert.Equal(8, await rig.Page.Locator("#ring .mag.Dipole[data-element='PS']").CountAsync());
        await Assertions.Expect(rig.Page.Locator("#ring .marker-label")).ToContainTextAsync(["SND", "RF", "CMD", "injection"]);
        await Assertions.Expect(rig.Page.Locator("#ring .mag[data-name='1F1']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-On"));
        await rig.Finish("sign-in-ring");
    }

    [Fact]
    public async Task A_quad_set_from_the_element_panel_is_followed_by_its_readback()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        await rig.Page.ClickAsync("#ring .mag[data-element='1F1'] path");
        await Assertions.Expect(rig.Page.Locator("#el-name")).ToHaveTextAsync("1F1");
        double target = Math.Round(await Setpoint(rig, "1F1") + 2.5, 3);
        await rig.Page.FillAsync("#el-value", target.ToString(CultureInfo.InvariantCulture));
        await rig.Page.ClickAsync("#el-set");
        await Assertions.Expect(rig.Page.Locator("#el-message")).ToHaveClassAsync("message ok");
        await Assertions.Expect(rig.Page.Locator("#el-setpoint")).ToHaveTextAsync(target.ToString("F3", CultureInfo.InvariantCulture));
        await rig.Page.WaitForFunctionAsync("t => ['#el-read1', '#el-read2'].every(s => Math.abs(parseFloat(document.querySelector(s).textContent) - t) < 0.05)", target);
        Assert.Equal(target, await Setpoint(rig, "1F1"), 6);
        await rig.Finish("element-panel-set");
    }

    [Fact]
    public async Task A_channel_update_shows_in_the_panel_within_200_ms()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        await rig.Page.ClickAsync("#ring .mag[data-element='2D1'] path");
        using var admin = rig.Admin();
        double start = await Setpoint(rig, "2D1");
        // When the control system posts each new setpoint (its device loop publishes every 100 ms).
        var posted = new System.Collections.Concurrent.ConcurrentDictionary<double, long>();
        rig.System.Registry.Listen(u => { if (u.Path == "VEPP/QUAD/2D1/SCur") posted.TryAdd(Math.Round(u.Value.Number, 4), Stopwatch.GetTimestamp()); });
        List<double> fromWrite = [], fromUpdate = [];
        for (int i = 1; i <= 9; i++)
        {
            double value = Math.Round(start + 0.01 * i, 3);
            long written = Stopwatch.GetTimestamp();
            (await admin.PutAsJsonAsync("/api/channels/VEPP/QUAD/2D1/SCur", new { value })).EnsureSuccessStatusCode();
            await rig.Page.WaitForFunctionAsync("v => document.querySelector('#el-setpoint').textContent === v",
                value.ToString("F3", CultureInfo.InvariantCulture), new() { PollingInterval = 5 });
            long shown = Stopwatch.GetTimestamp();
            fromWrite.Add(Stopwatch.GetElapsedTime(written, shown).TotalMilliseconds);
            fromUpdate.Add(Stopwatch.GetElapsedTime(posted[value], shown).TotalMilliseconds);
            await Task.Delay(250);
        }
        string Describe(List<double> ms) => string.Join(", ", ms.Order().Select(l => l.ToString("F0", CultureInfo.InvariantCulture)));
        output.WriteLine($"channel update -> panel [ms]: {Describe(fromUpdate)}");
        output.WriteLine($"HTTP write -> panel [ms]: {Describe(fromWrite)}");
        double median = fromUpdate.Order().ElementAt(4);
        Assert.True(median < 200, $"median update latency {median:F0} ms");
        await rig.Finish("live-latency");
    }

    [Fact]
    public async Task A_viewer_sees_the_panel_but_the_server_refuses_the_set_with_its_reason()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.NewUser("vera", "Viewer", "vera-password");
        rig.ExpectRefusal("/api/set", 409);
        rig.ExpectRefusal("/api/set", 403);
        await rig.SignIn("vera", "vera-password");
        await Assertions.Expect(rig.Page.Locator("#who")).ToHaveTextAsync("vera (Viewer)");
        await rig.Page.ClickAsync("#ring .mag[data-element='1F1'] path");
        double before = await Setpoint(rig, "1F1");
        await rig.Page.FillAsync("#el-value", (before + 1).ToString(CultureInfo.InvariantCulture));
        await rig.Page.ClickAsync("#el-set");
        await Assertions.Expect(rig.Page.Locator("#el-message")).ToHaveClassAsync("message refusal");
        // The same request as the viewer over the API: the page shows the server's own reason.
        var answer = await ConsoleRig.Json(await rig.Client("vera", "vera-password").PostAsJsonAsync("/api/set",
            new { targets = new[] { new { element = "1F1", value = before + 1 } }, units = "hardware" }));
        string reason = answer.TryGetProperty("error", out var e) ? e.GetString()! : answer.GetProperty("message").GetString()!;
        await Assertions.Expect(rig.Page.Locator("#el-message")).ToHaveTextAsync("Refused: " + reason);
        Assert.Equal(before, await Setpoint(rig, "1F1"));
        await rig.Finish("viewer-refused");
    }

    [Theory]
    [InlineData(1280, 800)]
    [InlineData(1920, 1080)]
    public async Task The_console_fits_common_screens(int width, int height)
    {
        await using var rig = await ConsoleRig.Start(browser.Browser, width, height);
        await rig.SignIn();
        await rig.Page.ClickAsync("#ring .mag[data-element='1F1'] path");
        await rig.Page.WaitForFunctionAsync("() => document.querySelector('#summary').textContent.includes('MeV') && !document.querySelector('#summary').textContent.startsWith('E —')");
        Assert.True(await rig.Page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= innerWidth && document.documentElement.scrollHeight <= innerHeight"));
        var ring = (await rig.Page.Locator("#ring").BoundingBoxAsync())!;
        var panel = (await rig.Page.Locator("#element-panel").BoundingBoxAsync())!;
        Assert.True(ring.Height > 0.6 * height && panel.X + panel.Width <= width, $"ring {ring.Width}x{ring.Height}, panel at {panel.X}");
        await rig.Finish($"console-{width}x{height}");
    }
}
