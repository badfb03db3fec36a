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
    public async Task Alarms_list_invalid_channels_with_enum_labels_and_formatted_values()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        // The main solenoid coils 2 % low leave the online model without stable optics: its tunes go
        // undefined (NaN: UDF, INVALID). A DCCT readback lost (COMM, INVALID) and a supply's Power (an enum) in a MINOR state alarm.
        (await rig.Admin().PostAsJsonAsync("/api/groups/solenoids-main/apply", new { operation = "scale", value = 0.98, units = "hardware", wait = true })).EnsureSuccessStatusCode();
        var now = rig.System.Registry.Time.GetUtcNow();
        rig.System.Registry.Get("VEPP/QUAD/1F1/MCur.2").SetExternalAlarm(AlarmStatus.Comm, AlarmSeverity.Invalid, now);
        rig.System.Registry.Get("VEPP/QUAD/1F1/Power").SetExternalAlarm(AlarmStatus.State, AlarmSeverity.Minor, now);
        await rig.Page.ClickAsync("#nav button[data-view='alarms']");
        var udf = rig.Page.Locator("#alarm-table tr", new() { HasText = "VEPP/Model/NuX" });
        await Assertions.Expect(udf).ToHaveCountAsync(1);
        await Assertions.Expect(udf.Locator("td").Nth(1)).ToHaveTextAsync("Invalid");
        await Assertions.Expect(udf.Locator("td").Nth(2)).ToHaveTextAsync("Udf");
        await Assertions.Expect(udf.Locator("td").Nth(3)).ToHaveTextAsync("—");
        var comm = rig.Page.Locator("#alarm-table tr", new() { HasText = "VEPP/QUAD/1F1/MCur.2" });
        await Assertions.Expect(comm.Locator("td").Nth(1)).ToHaveTextAsync("Invalid");
        await Assertions.Expect(comm.Locator("td").Nth(2)).ToHaveTextAsync("Comm");
        // The readback's precision is 3 digits, its unit A.
        await Assertions.Expect(comm.Locator("td").Nth(3)).ToHaveTextAsync(new Regex(@"^-?\d+\.\d{3} A$"));
        var power = rig.Page.Locator("#alarm-table tr", new() { HasText = "VEPP/QUAD/1F1/Power" });
        await Assertions.Expect(power.Locator("td").Nth(1)).ToHaveTextAsync("Minor");
        await Assertions.Expect(power.Locator("td").Nth(3)).ToHaveTextAsync("On");
        await rig.Finish("alarms-invalid");
    }

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

    [Fact]
    public async Task The_ring_legend_is_readable_and_the_ring_labels_do_not_overlap()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        // WCAG 2 contrast of each legend key's text against its own background.
        var ratios = await rig.Page.EvaluateAsync<Dictionary<string, double>>("""
            () => {
              const rgb = (s) => s.match(/[\d.]+/g).slice(0, 3).map(Number);
              const lum = (c) => { const [r, g, b] = c.map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; }); return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
              const out = {};
              for (const k of document.querySelectorAll('#legend .key')) {
                const s = getComputedStyle(k), a = lum(rgb(s.color)), b = lum(rgb(s.backgroundColor));
                out[k.textContent] = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
              }
              return out;
            }
            """);
        Assert.Equal(6, ratios.Count);
        foreach (var (key, ratio) in ratios) Assert.True(ratio >= 4.5, $"legend '{key}': contrast {ratio:F2}");
        // Every magnet label is shown, and no two labels on the drawing overlap on the screen.
        Assert.Equal(24, await rig.Page.Locator("#ring .mag.Quadrupole .mag-label").CountAsync());
        var overlaps = await rig.Page.EvaluateAsync<string[]>("""
            () => {
              const boxes = [...document.querySelectorAll('#ring text')].filter((t) => getComputedStyle(t).visibility !== 'hidden' && t.getClientRects().length)
                .map((t) => [t.textContent, t.getBoundingClientRect()]);
              const out = [];
              for (let i = 0; i < boxes.length; i++)
                for (let j = i + 1; j < boxes.length; j++) {
                  const [a, p] = boxes[i], [b, q] = boxes[j];
                  if (p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom) out.push(`${a}/${b}`);
                }
              return out;
            }
            """);
        Assert.True(overlaps.Length == 0, "overlapping labels: " + string.Join(", ", overlaps));
        int shown = await rig.Page.EvaluateAsync<int>("() => [...document.querySelectorAll('#ring .mag.Quadrupole .mag-label')].filter((t) => getComputedStyle(t).visibility !== 'hidden' && t.getClientRects().length).length");
        Assert.Equal(24, shown);
        await rig.Finish("ring-legend-labels");
    }

    [Fact]
    public async Task The_optics_view_flags_a_model_out_of_its_bounds()
    {
        await using var rig = await ConsoleRig.Start(browser.Browser);
        await rig.SignIn();
        await rig.Page.ClickAsync("#nav button[data-view='optics']");
        await Assertions.Expect(rig.Page.Locator("#opt-title")).ToContainTextAsync("from the online model");
        await Assertions.Expect(rig.Page.Locator("#opt-tunes")).ToContainTextAsync("NuX");
        await Assertions.Expect(rig.Page.Locator("#opt-warning")).ToBeHiddenAsync();
        // F1 quads 20 % low, then D1 quads 21 % high: the model stays stable, with beta* 0.25-0.31 m
        // (design 0.10 m) and max |Dx| 7.6 m (design 0.86 m).
        foreach (var (group, factor) in new[] { ("quads-F1", 0.8), ("quads-D1", 1.21) })
            (await rig.Admin().PostAsJsonAsync($"/api/groups/{group}/apply", new { operation = "scale", value = factor, units = "hardware", wait = true })).EnsureSuccessStatusCode();
        var warning = rig.Page.Locator("#opt-warning");
        await Assertions.Expect(warning).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Assertions.Expect(warning).ToContainTextAsync("outside its bounds");
        await Assertions.Expect(warning).ToContainTextAsync("beta_x* at SND");
        await Assertions.Expect(warning).ToContainTextAsync("max |Dx|");
        await rig.Finish("optics-bounds");
    }
}
