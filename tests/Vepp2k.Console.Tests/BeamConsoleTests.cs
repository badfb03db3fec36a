using System.Globalization;
using Microsoft.Playwright;

namespace Vepp2k.Console.Tests;

/// <summary>The beam view: spots at the 16 light monitors, the orbit, the tunes, and an orbit correction planned, then applied.</summary>
[Collection("browser")]
public sealed class BeamConsoleTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_beam_view_draws_every_spot_and_corrects_a_bumped_orbit()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser, 1920, 1080);
        await rig.SignIn();
        await rig.Page.ClickAsync("#nav button[data-view='beam']");
        await Assertions.Expect(rig.Page.Locator("#beam-spots svg.spot ellipse.beam")).ToHaveCountAsync(16);
        await Assertions.Expect(rig.Page.Locator("#beam-tunes circle.working-point")).ToHaveCountAsync(1);
        await Assertions.Expect(rig.Page.Locator("#beam-status")).ToHaveTextAsync("beam: ok");

        // Each spot's ellipse is drawn to the channel's size: 1 mm is 30 px in a 4 mm box.
        double sigmaX = rig.System.Registry.Get("VEPP/CCD/1M1L/sigma_x").Snapshot().Value.Number;
        double rx = double.Parse(await rig.Page.Locator("svg.spot[data-ccd='1M1L'] ellipse").GetAttributeAsync("rx") ?? "0", CultureInfo.InvariantCulture);
        Assert.Equal(sigmaX * 30, rx, 0.05 * rx);

        // Knock the orbit off, plan (nothing moves), then apply.
        var bump = rig.System.Core.Set(new("admin", Control.History.Role.Admin, "test"), [("1F2X", 1.5), ("3D2Z", -1.0)], Control.Operations.Units.Hardware, "bump");
        Assert.True(bump.Applied);
        await Task.Delay(1000);
        double Rms() => Math.Sqrt(rig.System.Beam!.Latest!.Orbit().Average(v => v * v));
        double before = Rms();
        await rig.Page.ClickAsync("#orb-plan");
        await Assertions.Expect(rig.Page.Locator("#orb-plan-summary")).ToContainTextAsync("model response");
        await Assertions.Expect(rig.Page.Locator("#orb-plan-result tbody tr")).ToHaveCountAsync(36);
        rig.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await rig.Page.ClickAsync("#orb-apply");
        await Assertions.Expect(rig.Page.Locator("#orb-plan-result .message.ok")).ToContainTextAsync("Applied");
        await Task.Delay(1500);
        double after = Rms();
        Assert.True(before > 5 * after, $"rms orbit {before:E3} -> {after:E3} m");
        await rig.Finish("beam-view");
    }

    [Fact]
    public async Task LOCO_is_measured_fitted_shown_and_applied_from_the_console()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser, 1920, 1080);
        await rig.SignIn();
        await rig.Page.ClickAsync("#nav button[data-view='beam']");
        await rig.Page.ClickAsync("#loco-measure");
        await Assertions.Expect(rig.Page.Locator("#loco-message")).ToContainTextAsync("measurement #1");
        await Assertions.Expect(rig.Page.Locator("#loco-source option[value='1']")).ToHaveCountAsync(1, new() { Timeout = 120_000 });
        await rig.Page.ClickAsync("#loco-fit");
        await Assertions.Expect(rig.Page.Locator("#loco-summary")).ToContainTextAsync("chi2/dof", new() { Timeout = 120_000 });
        // The residual per iteration, the beta-beat at 40 readings and the 16 size ratios, each before and after.
        await Assertions.Expect(rig.Page.Locator("#loco-chi2 .series")).ToHaveCountAsync(1);
        await Assertions.Expect(rig.Page.Locator("#loco-beat .series")).ToHaveCountAsync(2);
        await Assertions.Expect(rig.Page.Locator("#loco-ratios .series")).ToHaveCountAsync(2);
        await Assertions.Expect(rig.Page.Locator("#loco-changes tbody tr")).ToHaveCountAsync(36);
        rig.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await rig.Page.ClickAsync("#loco-apply");
        await Assertions.Expect(rig.Page.Locator("#loco-apply-message.ok")).ToContainTextAsync("Applied");
        await rig.Finish("beam-loco");
    }
}
