using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Vepp2k.Web.Tests;

/// <summary>
/// One status per kind of failure on every endpoint kind (RFC 9110 section 15): not signed in 401,
/// role not allowed 403, unknown thing 404, the machine refuses 409, bad input 400, storage down
/// 503; each answer is problem details.
/// </summary>
public class StatusCodeTests
{
    private const string Calibration = """{"method":"ResonantDepolarization","referenceMeV":500.1,"uncertaintyMeV":0.01,"nmrMeV":500}""";

    // who: "anonymous", "viewer" or "operator"; body: JSON (null for none).
    public static TheoryData<string, string, string, string?, HttpStatusCode> Table() => new()
    {
        { "anonymous", "GET", "/api/channels", null, HttpStatusCode.Unauthorized },
        { "anonymous", "PUT", "/api/channels/VEPP/QUAD/1F1/SCur", """{"value":1}""", HttpStatusCode.Unauthorized },
        { "anonymous", "POST", "/api/elements/1F1/switch", """{"on":false}""", HttpStatusCode.Unauthorized },
        { "anonymous", "POST", "/api/worksets", """{"name":"golden"}""", HttpStatusCode.Unauthorized },

        { "viewer", "PUT", "/api/channels/VEPP/QUAD/1F1/SCur", """{"value":200}""", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/elements/1F1/switch", """{"on":false}""", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/elements/1F1/reset", null, HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/set", """{"targets":[{"element":"1F1","value":200}]}""", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/groups", """{"name":"pair","members":["1F1"]}""", HttpStatusCode.Forbidden },
        { "viewer", "DELETE", "/api/groups/pair", null, HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/groups/quads-F/apply", """{"operation":"scale","value":1.01}""", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/ramps/1/abort", null, HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/worksets", """{"name":"mine"}""", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/worksets/golden/restore", "{}", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/energy/calibration", Calibration, HttpStatusCode.Forbidden },
        { "viewer", "GET", "/api/users", null, HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/users", """{"name":"eve","role":"Admin","password":"long-enough"}""", HttpStatusCode.Forbidden },
        { "viewer", "POST", "/api/alarms/ack", """{"channel":"VEPP/QUAD/1F1/SCur"}""", HttpStatusCode.Forbidden },

        { "operator", "GET", "/api/channels/VEPP/NOPE/SCur", null, HttpStatusCode.NotFound },
        { "operator", "PUT", "/api/channels/VEPP/NOPE/SCur", """{"value":1}""", HttpStatusCode.NotFound },
        { "operator", "POST", "/api/elements/9X9/switch", """{"on":false}""", HttpStatusCode.NotFound },
        { "operator", "POST", "/api/elements/9X9/reset", null, HttpStatusCode.NotFound },
        { "operator", "POST", "/api/set", """{"targets":[{"element":"9X9","value":1}]}""", HttpStatusCode.NotFound },
        { "operator", "POST", "/api/groups/nope/apply", """{"operation":"scale","value":1.01}""", HttpStatusCode.NotFound },
        { "operator", "DELETE", "/api/groups/nope", null, HttpStatusCode.NotFound },
        { "operator", "POST", "/api/ramps/999/abort", null, HttpStatusCode.NotFound },
        { "operator", "GET", "/api/worksets/nope", null, HttpStatusCode.NotFound },
        { "operator", "GET", "/api/worksets/nope/compare", null, HttpStatusCode.NotFound },
        { "operator", "GET", "/api/worksets/nope/export", null, HttpStatusCode.NotFound },
        { "operator", "POST", "/api/worksets/nope/restore", "{}", HttpStatusCode.NotFound },
        { "operator", "POST", "/api/alarms/ack", """{"channel":"VEPP/NOPE"}""", HttpStatusCode.NotFound },
        { "operator", "GET", "/api/nope", null, HttpStatusCode.NotFound },

        { "operator", "PUT", "/api/channels/VEPP/QUAD/1F1/SCur", """{"value":400}""", HttpStatusCode.Conflict },
        { "operator", "POST", "/api/set", """{"targets":[{"element":"1F1","value":500}]}""", HttpStatusCode.Conflict },
        { "operator", "POST", "/api/groups/quads-D1/apply", """{"operation":"set","value":500}""", HttpStatusCode.Conflict },
        { "operator", "POST", "/api/elements/PS/switch", """{"on":false}""", HttpStatusCode.Conflict },

        { "operator", "PUT", "/api/channels/VEPP/QUAD/1F1/SCur", """{"value":"lots"}""", HttpStatusCode.BadRequest },
        { "operator", "PUT", "/api/channels/VEPP/QUAD/1F1/SCur", """{"value":""", HttpStatusCode.BadRequest },
        { "operator", "POST", "/api/set", """{"targets":[]}""", HttpStatusCode.BadRequest },
        { "operator", "POST", "/api/set", """{"targets":[{"element":"1F1","value":1}],"units":"furlongs"}""", HttpStatusCode.BadRequest },
        { "operator", "POST", "/api/groups/quads-F/apply", """{"operation":"twist","value":1}""", HttpStatusCode.BadRequest },
        { "operator", "POST", "/api/ramps/1/jump", null, HttpStatusCode.BadRequest },
        { "operator", "POST", "/api/worksets", """{"name":"a/b"}""", HttpStatusCode.BadRequest },
        { "operator", "GET", "/api/worksets/golden/compare?with=golden:latest", null, HttpStatusCode.BadRequest },
        { "operator", "GET", "/api/events?kind=nonsense", null, HttpStatusCode.BadRequest },
        { "operator", "GET", "/api/history/VEPP/QUAD/1F1/SCur?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", null, HttpStatusCode.BadRequest },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Every_endpoint_kind_answers_each_failure_with_its_status(string who, string method, string url, string? body, HttpStatusCode expected)
    {
        await using var rig = await ControlServerRig.Start();
        var op = await rig.NewUser("olga", "Operator");
        (await op.PostAsJsonAsync("/api/worksets", new { name = "golden" })).EnsureSuccessStatusCode();
        var client = who switch { "anonymous" => rig.Client(), "viewer" => await rig.NewUser("victor", "Viewer"), _ => op };
        var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        await Problem.Assert(await client.SendAsync(request), expected);
    }

    [Fact]
    public async Task A_storage_failure_is_503_and_the_entry_is_not_added()
    {
        await using var rig = await ControlServerRig.Start();
        // A directory where the calibration table's temporary file must go: the write fails even for root.
        Directory.CreateDirectory(Path.Combine(rig.System.Options.DataFolder, "calibration.json.tmp"));
        var r = await rig.Admin().PostAsync("/api/energy/calibration", new StringContent(Calibration, Encoding.UTF8, "application/json"));
        Assert.Contains("calibration table", await Problem.Assert(r, HttpStatusCode.ServiceUnavailable));
        Assert.Empty(rig.System.Calibration.Calibration.Entries);
    }
}
