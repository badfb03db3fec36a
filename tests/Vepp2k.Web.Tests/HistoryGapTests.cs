using System.Text.Json;

namespace Vepp2k.Web.Tests;

public class HistoryGapTests
{
    [Fact]
    public async Task TheTimeTheServerDidNotRunIsAGapInTheHistoryApi()
    {
        string folder = Path.Combine(Path.GetTempPath(), "vepp2k-web-gap-" + Guid.NewGuid().ToString("N"));
        try
        {
            var before = DateTimeOffset.UtcNow;
            await using (var first = await ControlServerRig.Start(folder, timeScale: 1)) await Task.Delay(300);
            var stopped = DateTimeOffset.UtcNow;
            await Task.Delay(1500);
            var restarting = DateTimeOffset.UtcNow;
            await using var second = await ControlServerRig.Start(folder, timeScale: 1);

            var answer = await ControlServerRig.Json(await second.Admin().GetAsync($"/api/history/gaps?from={Uri.EscapeDataString(before.ToString("O"))}"));
            var gap = Assert.Single(answer.GetProperty("gaps").EnumerateArray());
            // Independent truth: the wall clock around the stop and the restart.
            var from = gap.GetProperty("from").GetDateTimeOffset();
            var to = gap.GetProperty("to").GetDateTimeOffset();
            Assert.InRange(from, before, stopped);
            Assert.InRange(to, restarting, DateTimeOffset.UtcNow);
            Assert.True(gap.GetProperty("cleanStop").GetBoolean());

            var history = await ControlServerRig.Json(await second.Admin().GetAsync($"/api/history/VEPP/QUAD/1F1/MCur.1?from={Uri.EscapeDataString(before.ToString("O"))}"));
            Assert.Equal(JsonValueKind.Array, history.GetProperty("gaps").ValueKind);
            Assert.Equal(1, history.GetProperty("gaps").GetArrayLength());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }
}
