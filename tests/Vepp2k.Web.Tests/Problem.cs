using System.Net;
using System.Text.Json;

namespace Vepp2k.Web.Tests;

/// <summary>The rules of RFC 7807 (problem details for HTTP APIs) that every error answer must meet.</summary>
internal static class Problem
{
    /// <summary>Asserts the answer is problem details for <paramref name="status"/> and returns its detail.</summary>
    public static async Task<string> Assert(HttpResponseMessage r, HttpStatusCode status)
    {
        string text = await r.Content.ReadAsStringAsync();
        Xunit.Assert.True(status == r.StatusCode, $"{r.RequestMessage?.Method} {r.RequestMessage?.RequestUri}: expected {(int)status}, got {(int)r.StatusCode} {text}");
        // RFC 7807 section 3: the media type is application/problem+json.
        Xunit.Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        // Section 3.1: "status" is the HTTP status code of this occurrence ...
        Xunit.Assert.Equal((int)status, body.GetProperty("status").GetInt32());
        // ... "type" a URI reference identifying the problem type (absolute here, or about:blank) ...
        Xunit.Assert.True(Uri.TryCreate(body.GetProperty("type").GetString(), UriKind.Absolute, out _), text);
        // ... "title" a short human-readable summary, "detail" the explanation of this occurrence.
        Xunit.Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("title").GetString()), text);
        string detail = body.GetProperty("detail").GetString()!;
        Xunit.Assert.False(string.IsNullOrWhiteSpace(detail), text);
        return detail;
    }
}
