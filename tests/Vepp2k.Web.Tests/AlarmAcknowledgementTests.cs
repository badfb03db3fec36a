using System.Net.Http.Json;
using Vepp2k.Control.Devices;

namespace Vepp2k.Web.Tests;

/// <summary>
/// Acknowledging an alarm is the channel's state on the server (EPICS ACKS): one operator's
/// acknowledgement is what every other client sees, it outlives the alarm, and an alarm that gets
/// worse needs acknowledging again.
/// </summary>
public class AlarmAcknowledgementTests
{
    private const string Status = "VEPP/QUAD/1F1/Status";

    [Fact]
    public async Task One_operators_acknowledgement_is_seen_by_every_client()
    {
        await using var rig = await ControlServerRig.Start();
        var first = await rig.NewUser("olga", "Operator");
        var second = await rig.NewUser("oleg", "Operator");

        rig.System.Simulator!.Supply("1F1").SetFault(InterlockBits.Water, true);
        await Until(async () => (await Channel(second, Status)).GetProperty("unacknowledged").GetString() == "Major");
        Assert.Equal("Major", (await Channel(first, Status)).GetProperty("severity").GetString());

        Assert.True((await first.PostAsJsonAsync("/api/alarms/ack", new { channel = Status })).IsSuccessStatusCode);
        // The other operator's console reads the same state: acknowledged, while the alarm lasts.
        var seen = await Channel(second, Status);
        Assert.Equal("NoAlarm", seen.GetProperty("unacknowledged").GetString());
        Assert.Equal("Major", seen.GetProperty("severity").GetString());
        Assert.Contains(rig.System.Store.QueryEvents(new Control.History.EventQuery(Kind: Control.History.EventKind.Alarm, User: "olga", Limit: 100)),
            e => e.Subject == Status && e.Message.StartsWith("alarm acknowledged", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_alarm_that_came_and_went_stays_unacknowledged_until_acknowledged()
    {
        await using var rig = await ControlServerRig.Start();
        var op = await rig.NewUser("olga", "Operator");
        var supply = rig.System.Simulator!.Supply("1F1");
        supply.SetFault(InterlockBits.Water, true);
        await Until(async () => (await Channel(op, Status)).GetProperty("severity").GetString() == "Major");
        supply.SetFault(InterlockBits.Water, false);
        // The reset is refused until the tripped supply's current has run down to zero.
        await Until(async () => (await op.PostAsJsonAsync("/api/elements/1F1/reset", new { })).IsSuccessStatusCode);
        await Until(async () => (await Channel(op, Status)).GetProperty("severity").GetString() == "NoAlarm");
        // Gone, but nobody saw it: still unacknowledged (a transient trip must not pass unnoticed).
        Assert.Equal("Major", (await Channel(op, Status)).GetProperty("unacknowledged").GetString());
        Assert.True((await op.PostAsJsonAsync("/api/alarms/ack", new { channel = Status })).IsSuccessStatusCode);
        Assert.Equal("NoAlarm", (await Channel(op, Status)).GetProperty("unacknowledged").GetString());
    }

    private static async Task<System.Text.Json.JsonElement> Channel(HttpClient client, string path) =>
        await ControlServerRig.Json(await client.GetAsync($"/api/channels/{path}"));

    private static async Task Until(Func<Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!await condition()) await Task.Delay(50, cts.Token);
    }
}
