using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text.Json;

namespace Vepp2k.Web.Tests;

public class ControlApiTests
{
    [Fact]
    public async Task EveryRequestNeedsAUserAndViewersChangeNothing()
    {
        await using var rig = await ControlServerRig.Start();
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.Client().GetAsync("/api/channels/VEPP/QUAD/1F1/SCur")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await rig.Client("admin", "wrong").GetAsync("/api/channels")).StatusCode);
        var viewer = await rig.NewUser("victor", "Viewer");
        var before = (await ControlServerRig.Json(await viewer.GetAsync("/api/channels/VEPP/QUAD/1F1/SCur"))).GetProperty("value").GetDouble();
        var put = await viewer.PutAsJsonAsync("/api/channels/VEPP/QUAD/1F1/SCur", new { value = 200 });
        Assert.Equal(HttpStatusCode.Forbidden, put.StatusCode);
        Assert.Contains("may not write", (await ControlServerRig.Json(put)).GetProperty("detail").GetString());
        var after = (await ControlServerRig.Json(await viewer.GetAsync("/api/channels/VEPP/QUAD/1F1/SCur"))).GetProperty("value").GetDouble();
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task AnOperatorSetsAGroupAndWaitsForArrival()
    {
        await using var rig = await ControlServerRig.Start();
        var op = await rig.NewUser("olga", "Operator");
        var r = await op.PostAsJsonAsync("/api/groups/quads-D1/apply", new { operation = "scale", value = 0.95, units = "hardware", wait = true, tolerance = 0.1 });
        var body = await ControlServerRig.Json(r);
        Assert.Equal(HttpStatusCode.OK, r.StatusCode);
        Assert.True(body.GetProperty("arrival").GetProperty("allArrived").GetBoolean(), body.ToString());
        var elements = await ControlServerRig.Json(await op.GetAsync("/api/elements"));
        var d1 = elements.EnumerateArray().Single(e => e.GetProperty("name").GetString() == "3D1");
        Assert.Equal(d1.GetProperty("setpoint").GetDouble(), d1.GetProperty("current1").GetDouble(), 0.1);
        var events = await ControlServerRig.Json(await op.GetAsync("/api/events?user=olga&kind=operator"));
        Assert.Equal(4, events.GetArrayLength());
        var refused = await op.PostAsJsonAsync("/api/groups/quads-D1/apply", new { operation = "set", value = 500 });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("drive limits", (await ControlServerRig.Json(refused)).GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WorkingSetsSaveCompareAndRestoreOverHttp()
    {
        await using var rig = await ControlServerRig.Start();
        var op = await rig.NewUser("olga", "Operator");
        var saved = await ControlServerRig.Json(await op.PostAsJsonAsync("/api/worksets", new { name = "golden", comment = "design", tags = new[] { "golden" } }));
        Assert.Equal(1, saved.GetProperty("version").GetInt32());
        (await op.PutAsJsonAsync("/api/channels/VEPP/QUAD/2F2/SCur", new { value = 200.0 })).EnsureSuccessStatusCode();
        await Task.Delay(1000);
        var diff = await ControlServerRig.Json(await op.GetAsync("/api/worksets/golden/compare?with=live&tolerance=0.1"));
        Assert.Equal("VEPP/QUAD/2F2/SCur", diff.EnumerateArray().Single(d => d.GetProperty("differs").GetBoolean()).GetProperty("channel").GetString());
        var report = await ControlServerRig.Json(await op.PostAsJsonAsync("/api/worksets/golden/restore", new { subsystems = "quads", tolerance = 0.1 }));
        Assert.Equal(1, report.GetProperty("restored").GetInt32());
        Assert.Equal(23, report.GetProperty("unchanged").GetInt32());
        var csv = await (await op.GetAsync("/api/worksets/golden/export?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("VEPP/QUAD/2F2/SCur", csv);
    }

    [Fact]
    public async Task HistoryIsDecimatedAndUpdatesStreamOverTheSocket()
    {
        await using var rig = await ControlServerRig.Start();
        var admin = rig.Admin();
        var token = (await ControlServerRig.Json(await rig.Client().PostAsJsonAsync("/api/login", new { user = "admin", password = ControlServerRig.AdminPassword })))
            .GetProperty("token").GetString();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(new Uri($"ws://{rig.Base.Authority}/ws/channels?prefix=VEPP/QUAD/4F3/&token={token}"), default);
        var first = await Receive(socket);
        var start = first.EnumerateArray().Single(c => c.GetProperty("path").GetString() == "VEPP/QUAD/4F3/SCur").GetProperty("value").GetDouble();
        double target = Math.Round(start) - 50;
        (await admin.PutAsJsonAsync("/api/channels/VEPP/QUAD/4F3/SCur", new { value = target })).EnsureSuccessStatusCode();
        var seen = false;
        for (int i = 0; i < 20 && !seen; i++)
            seen = (await Receive(socket)).EnumerateArray().Any(c => c.GetProperty("path").GetString() == "VEPP/QUAD/4F3/SCur" && c.GetProperty("value").GetDouble() == target);
        Assert.True(seen);
        await Task.Delay(1500);
        var history = await ControlServerRig.Json(await admin.GetAsync("/api/history/VEPP/QUAD/4F3/MCur.1?bins=10"));
        var bins = history.GetProperty("bins");
        Assert.True(bins.GetArrayLength() > 0);
        // The bins span the ramp: the design current at the start, the new setpoint at the end.
        Assert.True(bins.EnumerateArray().Max(b => b.GetProperty("max").GetDouble()) > start - 5);
        Assert.True(bins.EnumerateArray().Min(b => b.GetProperty("min").GetDouble()) < target + 5);
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheApi()
    {
        await using var rig = await ControlServerRig.Start();
        var doc = await ControlServerRig.Json(await rig.Client().GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var p in new[] { "/api/login", "/api/channels/{path}", "/api/groups/{name}/apply", "/api/worksets/{name}/restore", "/api/history/{path}", "/api/events", "/api/energy", "/api/model" })
            Assert.Contains(p, paths);
    }

    private static async Task<JsonElement> Receive(ClientWebSocket socket)
    {
        var buffer = new byte[1 << 20];
        int count = 0;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        WebSocketReceiveResult r;
        do
        {
            r = await socket.ReceiveAsync(buffer.AsMemory(count), timeout.Token) is var m ? new WebSocketReceiveResult(m.Count, m.MessageType, m.EndOfMessage) : null!;
            count += r.Count;
        } while (!r.EndOfMessage);
        return JsonDocument.Parse(buffer.AsMemory(0, count)).RootElement;
    }
}
