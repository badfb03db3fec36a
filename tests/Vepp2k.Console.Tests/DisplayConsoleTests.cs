using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Vepp2k.Control.Channels;

namespace Vepp2k.Console.Tests;

/// <summary>What an operator reads: alarms of every severity, enum labels, numbers in the channel's precision and units,
/// a readable legend, ring labels apart, step plots and one axis per unit, optics outside its bounds flagged.</summary>
[Collection("browser")]
public sealed class DisplayConsoleTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_element_panel_shows_enum_labels_and_the_channel_precision()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        await rig.Page.ClickAsync("#ring .mag[data-element='1F1'] path");
        await Assertions.Expect(rig.Page.Locator("#el-power")).ToHaveTextAsync("On");
        // SCur and the DCCTs have 3 digits, the voltage 2, the strength 6; each row shows its channel's unit.
        await Assertions.Expect(rig.Page.Locator("#el-setpoint")).ToHaveTextAsync(new Regex(@"^-?\d+\.\d{3}$"));
        await Assertions.Expect(rig.Page.Locator("#el-read1")).ToHaveTextAsync(new Regex(@"^-?\d+\.\d{3}$"));
        await Assertions.Expect(rig.Page.Locator("#el-volt")).ToHaveTextAsync(new Regex(@"^-?\d+\.\d{2}$"));
        await Assertions.Expect(rig.Page.Locator("#el-strength")).ToHaveTextAsync(new Regex(@"^-?\d+\.\d{6}$"));
        await Assertions.Expect(rig.Page.Locator("#el-setpoint + td.unit")).ToHaveTextAsync("A");
        await rig.Finish("element-precision");
    }
}
