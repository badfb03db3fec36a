using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Vepp2k.Console.Tests;

/// <summary>Working sets, history plots, the quench banner and the event log, through the browser.</summary>
[Collection("browser")]
public sealed class RecordsConsoleTests(BrowserFixture browser)
{
    private static async Task<double> Setpoint(ConsoleRig rig, string element) =>
        (await ConsoleRig.Json(await rig.Admin().GetAsync($"/api/channels/VEPP/QUAD/{element}/SCur"))).GetProperty("value").GetDouble();

    private static async Task SetAndWait(ConsoleRig rig, string element, double value)
    {
        var r = await rig.Admin().PostAsJsonAsync("/api/set", new { targets = new[] { new { element, value } }, units = "hardware", wait = true });
        r.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_saved_working_set_shows_the_change_and_restores_it_with_a_report()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        double saved = await Setpoint(rig, "3F2");
        await rig.Page.ClickAsync("#nav button[data-view='worksets']");
        await rig.Page.FillAsync("#ws-name", "round-1GeV");
        await rig.Page.FillAsync("#ws-comment", "before the scan");
        await rig.Page.FillAsync("#ws-tags", "golden");
        await rig.Page.ClickAsync("#ws-save");
        await Assertions.Expect(rig.Page.Locator("#ws-message")).ToContainTextAsync("saved round-1GeV version 1");
        var row = rig.Page.Locator("#ws-list tr[data-key='round-1GeV:1']");
        await Assertions.Expect(row).ToContainTextAsync("golden");
        await Assertions.Expect(row).ToContainTextAsync("admin");

        await SetAndWait(rig, "3F2", saved + 4);
        await row.ClickAsync();
        await rig.Page.ClickAsync("#ws-compare");
        var differs = rig.Page.Locator("#ws-compare-table tr.differs");
        await Assertions.Expect(differs).ToHaveCountAsync(1);
        await Assertions.Expect(differs).ToContainTextAsync("VEPP/QUAD/3F2/SCur");
        // Both values and the difference in the channel's precision (3 digits) and unit.
        foreach (int i in new[] { 2, 3, 4 })
            await Assertions.Expect(differs.Locator("td").Nth(i)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d+\.\d{3} A$"));

        foreach (var s in new[] { "dipoles", "solenoids", "correctors" }) await rig.Page.UncheckAsync($".ws-sub[value='{s}']");
        await rig.Page.ClickAsync("#ws-restore");
        await Assertions.Expect(rig.Page.Locator("#ws-report-counts")).ToContainTextAsync("restored 1,", new() { Timeout = 60_000 });
        await Assertions.Expect(rig.Page.Locator("#ws-report-counts")).ToContainTextAsync("failed 0");
        await Assertions.Expect(rig.Page.Locator("#ws-report")).ToContainTextAsync("VEPP/QUAD/3F2/SCur");
        Assert.Equal(1.0, await rig.Page.Locator("#ws-progress").EvaluateAsync<double>("p => p.value"));
        Assert.Equal(saved, await Setpoint(rig, "3F2"), 4);
        await rig.Finish("working-set-restore");
    }

    [Fact]
    public async Task The_history_of_a_channel_is_plotted_and_zoom_queries_again()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        double start = await Setpoint(rig, "1F2");
        for (int i = 1; i <= 3; i++) await SetAndWait(rig, "1F2", start + i);
        await rig.SignIn();
        await rig.Page.ClickAsync("#nav button[data-view='history']");
        await rig.Page.FillAsync("#hist-channels", "VEPP/QUAD/1F2/SCur, VEPP/QUAD/1F2/MCur.1, VEPP/Energy/SetE");
        await rig.Page.ClickAsync("#hist-plot");
        await Assertions.Expect(rig.Page.Locator("#hist-message")).ToContainTextAsync("archived samples");
        var line = rig.Page.Locator("#hist-svg polyline[data-series='VEPP/QUAD/1F2/SCur']");
        await Assertions.Expect(line).ToHaveCountAsync(1);
        Assert.True(await PointCount(line) >= 4, "the setpoint's four values are plotted");
        var readback = rig.Page.Locator("#hist-svg polyline[data-series='VEPP/QUAD/1F2/MCur.1']");
        await Assertions.Expect(readback).ToHaveCountAsync(1);

        // A setpoint holds until its next value: every segment of its line is horizontal or vertical.
        var points = await Points(line);
        Assert.All(points.Zip(points.Skip(1)), p => Assert.True(p.First.X == p.Second.X || p.First.Y == p.Second.Y, $"sloped segment {p.First} -> {p.Second}"));
        // The readback ramps between setpoints: it has sloped segments.
        var read = await Points(readback);
        Assert.Contains(read.Zip(read.Skip(1)), p => p.First.X != p.Second.X && p.First.Y != p.Second.Y);
        // Amperes and MeV on their own axes, each labelled with its unit; the 3 A of steps fill the plot's height.
        await Assertions.Expect(rig.Page.Locator("#hist-svg .axis-y")).ToHaveTextAsync(["A", "MeV"]);
        float height = (await rig.Page.Locator("#hist-svg").BoundingBoxAsync())!.Height;
        Assert.True(points.Max(p => p.Y) - points.Min(p => p.Y) > 0.5 * height, "the setpoint steps span the A axis");

        // Hovering just after the setpoint's last sample shows the values there in each channel's precision and unit.
        var box = (await rig.Page.Locator("#hist-svg").BoundingBoxAsync())!;
        await rig.Page.Mouse.MoveAsync(box.X + (float)points[^2].X + 2, box.Y + box.Height / 2);
        await Assertions.Expect(rig.Page.Locator("#hist-svg .hover")).ToContainTextAsync(new System.Text.RegularExpressions.Regex(@"VEPP/QUAD/1F2/SCur -?\d+\.\d{3} A"));

        // Zoom onto the right half of the plot: the server is asked again for that range.
        var request = rig.Page.WaitForRequestAsync(r => r.Url.Contains("/api/history/VEPP/QUAD/1F2/SCur"));
        await rig.Page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height / 2);
        await rig.Page.Mouse.DownAsync();
        await rig.Page.Mouse.MoveAsync(box.X + box.Width * 0.98f, box.Y + box.Height / 2, new() { Steps = 5 });
        await rig.Page.Mouse.UpAsync();
        var zoomed = new Uri((await request).Url);
        var query = System.Web.HttpUtility.ParseQueryString(zoomed.Query);
        var span = DateTimeOffset.Parse(query["to"]!) - DateTimeOffset.Parse(query["from"]!);
        Assert.InRange(span.TotalMinutes, 1, 3.5);
        await Assertions.Expect(line).ToHaveCountAsync(1);
        await rig.Finish("history-plot");
    }

    private static async Task<List<(double X, double Y)>> Points(ILocator polyline) =>
        [.. (await polyline.GetAttributeAsync("points"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(','))
            .Select(p => (double.Parse(p[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture)))];

    private static async Task<int> PointCount(ILocator polyline) =>
        (await polyline.GetAttributeAsync("points"))!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    [Fact]
    public async Task An_injected_quench_raises_the_banner_and_is_in_the_event_log()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        await Assertions.Expect(rig.Page.Locator("#banner-quench")).ToHaveCountAsync(0);
        (await rig.Admin().PostAsJsonAsync("/api/test/quench", new { solenoid = "2S", section = "qS1" })).EnsureSuccessStatusCode();
        await Assertions.Expect(rig.Page.Locator("#banner-quench")).ToContainTextAsync("Beam state INVALID", new() { Timeout = 30_000 });
        await Assertions.Expect(rig.Page.Locator("#ring .mag[data-element='2S1']")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("st-(Interlock|Off)"));
        await rig.Page.ClickAsync("#nav button[data-view='alarms']");
        await rig.Page.ClickAsync("button.ack[data-channel='VEPP/Control/BeamStateValid']");
        await Assertions.Expect(rig.Page.Locator("#alarm-message")).ToHaveTextAsync("acknowledged VEPP/Control/BeamStateValid (Major)");
        // The acknowledgement is the server's: a colleague's console, opened fresh, shows it too.
        await using (var colleague = await browser.Browser.NewContextAsync())
        {
            var other = await colleague.NewPageAsync();
            await other.GotoAsync(rig.Base.ToString());
            await other.FillAsync("#login-user", "admin");
            await other.FillAsync("#login-password", ConsoleRig.AdminPassword);
            await other.ClickAsync("#login-submit");
            await other.WaitForSelectorAsync("#link.up");
            await other.ClickAsync("#nav button[data-view='alarms']");
            var row = other.Locator("#alarm-table tr", new() { HasText = "VEPP/Control/BeamStateValid" });
            await Assertions.Expect(row).ToContainTextAsync("acknowledged");
            await Assertions.Expect(row.Locator("button.ack")).ToHaveCountAsync(0);
        }
        await rig.Page.ClickAsync("#nav button[data-view='events']");
        await rig.Page.FillAsync("#ev-text", "alarm acknowledged");
        await rig.Page.ClickAsync("#ev-search");
        await Assertions.Expect(rig.Page.Locator("#ev-table tbody tr")).ToContainTextAsync(["VEPP/Control/BeamStateValid"]);
        await rig.Page.FillAsync("#ev-text", "");
        await rig.Page.SelectOptionAsync("#ev-kind", "Quench");
        await rig.Page.ClickAsync("#ev-search");
        await Assertions.Expect(rig.Page.Locator("#ev-table tbody tr").First).ToContainTextAsync("Quench");
        await Assertions.Expect(rig.Page.Locator("#ev-table")).ToContainTextAsync("2S");
        Assert.EndsWith("kind=Quench&limit=200", await rig.Page.Locator("#ev-csv").GetAttributeAsync("href"));
        await rig.Finish("quench-banner-events");
    }
}
