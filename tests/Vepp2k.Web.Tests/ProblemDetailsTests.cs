using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Vepp2k.Web.Tests;

/// <summary>Every kind of error answer of the HTTP API is RFC 7807 problem details with the reason in "detail".</summary>
public class ProblemDetailsTests
{
    [Fact]
    public async Task Malformed_bodies_wrong_content_types_and_unknown_routes_get_problem_details()
    {
        await using var rig = await ControlServerRig.Start();
        var admin = rig.Admin();
        var malformed = await admin.PutAsync("/api/channels/VEPP/QUAD/1F1/SCur", new StringContent("{\"value\": ", Encoding.UTF8, "application/json"));
        Assert.Contains("JSON", await Problem.Assert(malformed, HttpStatusCode.BadRequest));
        var wrongType = await admin.PutAsync("/api/channels/VEPP/QUAD/1F1/SCur", new StringContent("value=1", Encoding.UTF8, "text/plain"));
        Assert.Contains("text/plain", await Problem.Assert(wrongType, HttpStatusCode.UnsupportedMediaType));
        var badQuery = await admin.GetAsync("/api/worksets/golden?version=first");
        await Problem.Assert(badQuery, HttpStatusCode.BadRequest);
        Assert.Contains("/api/no-such-thing", await Problem.Assert(await admin.GetAsync("/api/no-such-thing"), HttpStatusCode.NotFound));
        await Problem.Assert(await admin.DeleteAsync("/api/elements"), HttpStatusCode.MethodNotAllowed);
    }

    [Fact]
    public async Task Auth_failures_and_refusals_carry_the_reason_in_detail()
    {
        await using var rig = await ControlServerRig.Start();
        Assert.Contains("sign in", await Problem.Assert(await rig.Client().GetAsync("/api/channels"), HttpStatusCode.Unauthorized));
        var login = await rig.Client().PostAsJsonAsync("/api/login", new { user = "admin", password = "wrong" });
        await Problem.Assert(login, HttpStatusCode.Unauthorized);
        var viewer = await rig.NewUser("victor", "Viewer");
        var put = await viewer.PutAsJsonAsync("/api/channels/VEPP/QUAD/1F1/SCur", new { value = 200 });
        Assert.Contains("may not", await Problem.Assert(put, HttpStatusCode.Forbidden));
        var refused = await rig.Admin().PostAsJsonAsync("/api/groups/quads-D1/apply", new { operation = "set", value = 500 });
        Assert.Contains("drive limits", await Problem.Assert(refused, HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task Names_that_could_not_be_used_again_are_refused_and_not_stored()
    {
        await using var rig = await ControlServerRig.Start();
        var admin = rig.Admin();
        foreach (string name in new[] { "round/1", new string('x', 10_000), "tab\tname", " padded" })
        {
            var r = await admin.PostAsJsonAsync("/api/worksets", new { name, comment = "" });
            Assert.Contains("1-64 letters", await Problem.Assert(r, HttpStatusCode.BadRequest));
        }
        var group = await admin.PostAsJsonAsync("/api/groups", new { name = "pair/1", members = new[] { "1F1" } });
        Assert.Contains("1-64 letters", await Problem.Assert(group, HttpStatusCode.BadRequest));
        var import = await admin.PostAsync("/api/worksets/import?format=csv",
            new StringContent("# name: a/b\n# time: 2026-01-01T00:00:00.0000000+00:00\nchannel,value,subsystem\nVEPP/QUAD/1F1/SCur,1,quads\n", Encoding.UTF8, "text/csv"));
        Assert.Contains("1-64 letters", await Problem.Assert(import, HttpStatusCode.BadRequest));
        Assert.Equal(0, (await ControlServerRig.Json(await admin.GetAsync("/api/worksets"))).GetArrayLength());
        var saved = await admin.PostAsJsonAsync("/api/worksets", new { name = "round 1 GeV (design)", comment = "" });
        saved.EnsureSuccessStatusCode();
        (await admin.GetAsync("/api/worksets/" + Uri.EscapeDataString("round 1 GeV (design)"))).EnsureSuccessStatusCode();
    }
}
