using System.Text.Json;

namespace Vepp2k.Web.Tests;

/// <summary>
/// The OpenAPI 3 document at /openapi/v1.json, read as a client generator would: request and
/// response schemas of the API, and its error answers as problem details (RFC 7807 members).
/// </summary>
public class OpenApiTests
{
    [Fact]
    public async Task Requests_responses_and_problem_answers_have_schemas()
    {
        await using var rig = await ControlServerRig.Start();
        var doc = await ControlServerRig.Json(await rig.Client().GetAsync("/openapi/v1.json"));
        var paths = doc.GetProperty("paths");

        var put = paths.GetProperty("/api/channels/{path}").GetProperty("put");
        Assert.Contains("value", Properties(doc, put.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        var responses = put.GetProperty("responses");
        Assert.Contains("applied", Properties(doc, responses.GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema")));
        foreach (string code in new[] { "400", "401", "403", "404", "409" })
        {
            var schema = responses.GetProperty(code).GetProperty("content").GetProperty("application/problem+json").GetProperty("schema");
            Assert.Superset(new HashSet<string> { "type", "title", "status", "detail" }, Properties(doc, schema));
        }

        // The main reads: each answer's schema names the members a client reads.
        (string Path, string Member)[] reads =
        [
            ("/api/channels", "severity"), ("/api/channels/{path}", "driveHigh"), ("/api/elements", "setpoint"), ("/api/groups", "members"),
            ("/api/ramps", "fraction"), ("/api/worksets", "itemCount"), ("/api/worksets/{name}", "items"), ("/api/worksets/{name}/compare", "differs"),
            ("/api/events", "subject"), ("/api/whoami", "role"),
        ];
        foreach (var (path, member) in reads)
        {
            var schema = paths.GetProperty(path).GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.True(Properties(doc, schema).Contains(member), $"{path}: no '{member}' in {schema}");
        }
        foreach (string path in new[] { "/api/set", "/api/groups/{name}/apply", "/api/elements/{name}/switch", "/api/energy/calibration" })
        {
            var post = paths.GetProperty(path).GetProperty("post").GetProperty("responses");
            Assert.All(new[] { "200", "401", "403", "409" }, code => Assert.True(post.TryGetProperty(code, out _), $"{path} {code}"));
        }
    }

    // The property names of a schema, through $ref and array items.
    private static HashSet<string> Properties(JsonElement doc, JsonElement schema)
    {
        if (schema.TryGetProperty("$ref", out var reference))
            return Properties(doc, doc.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..]));
        if (schema.TryGetProperty("items", out var items)) return Properties(doc, items);
        return schema.TryGetProperty("properties", out var p) ? [.. p.EnumerateObject().Select(x => x.Name)] : [];
    }
}
