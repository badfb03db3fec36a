using Microsoft.Playwright;

namespace Vepp2k.Console.Tests;

/// <summary>Group operations and the live optics view, through the browser.</summary>
[Collection("browser")]
public sealed class OperationsConsoleTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_group_scale_waits_for_every_member_and_reports_arrival()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        double before = (await ConsoleRig.Json(await rig.Admin().GetAsync("/api/channels/VEPP/QUAD/2D1/SCur"))).GetProperty("value").GetDouble();
        await rig.Page.ClickAsync("#nav button[data-view='groups']");
        await rig.Page.SelectOptionAsync("#grp-select", "quads-D1");
        await rig.Page.SelectOptionAsync("#grp-op", "scale");
        await rig.Page.FillAsync("#grp-value", "0.98");
        await rig.Page.ClickAsync("#grp-apply");
        await Assertions.Expect(rig.Page.Locator("#grp-message")).ToContainTextAsync("all 4 arrived", new() { Timeout = 60_000 });
        double after = (await ConsoleRig.Json(await rig.Admin().GetAsync("/api/channels/VEPP/QUAD/2D1/SCur"))).GetProperty("value").GetDouble();
        Assert.Equal(0.98 * before, after, 6);
        // Currents in the report as the setpoint channel shows them: 3 digits and the unit.
        await Assertions.Expect(rig.Page.Locator("#grp-report tbody tr").First.Locator("td").Nth(2)).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d+\.\d{3} A$"));
        await rig.Finish("group-scale");
    }

    [Fact]
    public async Task The_optics_view_plots_the_online_model_and_its_tunes()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        await rig.Page.ClickAsync("#nav button[data-view='optics']");
        await Assertions.Expect(rig.Page.Locator("#opt-title")).ToContainTextAsync("from the online model", new() { Timeout = 20_000 });
        await Assertions.Expect(rig.Page.Locator("#opt-beta polyline")).ToHaveCountAsync(2);
        await Assertions.Expect(rig.Page.Locator("#opt-tunes")).ToContainTextAsync("NuX");
        await Assertions.Expect(rig.Page.Locator("#opt-energy")).ToContainTextAsync("MeV");
        await rig.Finish("optics-view");
    }

    [Fact]
    public async Task The_energy_is_set_from_the_optics_view_and_its_ramp_followed_to_the_end()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        rig.ExpectRefusal("/api/energy", 409);
        await rig.SignIn();
        await rig.Page.ClickAsync("#nav button[data-view='optics']");
        await rig.Page.FillAsync("#opt-energy-target", "1200");
        await rig.Page.ClickAsync("#opt-energy-set");
        await Assertions.Expect(rig.Page.Locator("#opt-energy-message")).ToContainTextAsync("outside the machine's range");
        await rig.Page.FillAsync("#opt-energy-target", "995");
        await rig.Page.FillAsync("#opt-energy-rate", "20");
        await rig.Page.ClickAsync("#opt-energy-set");
        await Assertions.Expect(rig.Page.Locator("#opt-energy-message")).ToContainTextAsync("1000.000 -> 995.000 MeV");
        await Assertions.Expect(rig.Page.Locator("#opt-ramp-state")).ToContainTextAsync("Completed at 995.000 MeV", new() { Timeout = 30_000 });
        double setE = (await ConsoleRig.Json(await rig.Admin().GetAsync("/api/channels/VEPP/Energy/SetE"))).GetProperty("value").GetDouble();
        Assert.Equal(995, setE, 1e-3);
        await rig.Finish("energy-set");
    }
}
