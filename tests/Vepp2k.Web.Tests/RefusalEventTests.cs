using System.Net;
using System.Net.Http.Json;
using Vepp2k.Control.History;

namespace Vepp2k.Web.Tests;

public class RefusalEventTests
{
    [Fact]
    public async Task RefusedHttpActionsAreEventsWithWhoWhatAndWhy()
    {
        await using var rig = await ControlServerRig.Start();
        var viewer = await rig.NewUser("victor", "Viewer");
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/groups", new { name = "mine", members = new[] { "1F1" } })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await rig.Admin().PutAsJsonAsync("/api/channels/VEPP/QUAD/1F1/SCur", new { value = 1e6 })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await viewer.PostAsJsonAsync("/api/alarms/ack", new { channel = "VEPP/QUAD/1F1/SCur" })).StatusCode);

        var refused = rig.System.Store.QueryEvents(new EventQuery(Kind: EventKind.Operator, Limit: 1000))
            .Where(e => e.Result.StartsWith("refused", StringComparison.Ordinal)).ToList();
        Assert.Contains(refused, e => e.User == "victor" && e.Subject == "group/mine" && e.Result.Contains("may not define groups"));
        Assert.Contains(refused, e => e.User == "admin" && e.Subject == "VEPP/QUAD/1F1/SCur" && e.Result.Contains("drive limits"));
        Assert.Contains(refused, e => e.User == "victor" && e.Subject == "VEPP/QUAD/1F1/SCur" && e.Result.Contains("may not acknowledge"));
    }
}
