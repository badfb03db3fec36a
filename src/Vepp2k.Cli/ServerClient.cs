using System.CommandLine;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Vepp2k.Cli;

/// <summary>
/// The scripting commands' connection to a running `vepp2k serve`: server URL and credentials from
/// --server/--user/--password or VEPP2K_SERVER/VEPP2K_USER/VEPP2K_PASSWORD. A refusal or an error
/// prints the server's reason on stderr and gives a non-zero exit code.
/// </summary>
public sealed class ServerClient(HttpClient http)
{
    public static readonly Option<string> Server = new("--server")
    {
        Description = "URL of the running server (or VEPP2K_SERVER)", Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("VEPP2K_SERVER") ?? "http://127.0.0.1:8080",
    };
    public static readonly Option<string?> User = new("--user") { Description = "user name (or VEPP2K_USER)", Recursive = true };
    public static readonly Option<string?> Password = new("--password") { Description = "password (or VEPP2K_PASSWORD)", Recursive = true };

    public static ServerClient From(ParseResult parse)
    {
        var http = new HttpClient { BaseAddress = new Uri(parse.GetValue(Server)!), Timeout = TimeSpan.FromMinutes(10) };
        string? user = parse.GetValue(User) ?? Environment.GetEnvironmentVariable("VEPP2K_USER");
        string? password = parse.GetValue(Password) ?? Environment.GetEnvironmentVariable("VEPP2K_PASSWORD");
        if (user is not null)
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return new ServerClient(http);
    }

    public Task<(bool Ok, JsonElement Body)> Get(string path) => Send(() => http.GetAsync(path));

    public Task<(bool Ok, JsonElement Body)> Put(string path, object body) => Send(() => http.PutAsJsonAsync(path, body));

    public Task<(bool Ok, JsonElement Body)> Post(string path, object body) => Send(() => http.PostAsJsonAsync(path, body));

    /// <summary>Posts a text body (a CSV table) and reads the JSON answer.</summary>
    public Task<(bool Ok, JsonElement Body)> PostText(string path, string text, string mediaType) =>
        Send(() => http.PostAsync(path, new StringContent(text, Encoding.UTF8, mediaType)));

    public async Task<(bool Ok, string Text)> GetText(string path)
    {
        try
        {
            var r = await http.GetAsync(path);
            string text = await r.Content.ReadAsStringAsync();
            return (r.IsSuccessStatusCode, r.IsSuccessStatusCode ? text : Reason(r.StatusCode, text));
        }
        catch (HttpRequestException e) { return (false, Unreachable(e)); }
    }

    private async Task<(bool Ok, JsonElement Body)> Send(Func<Task<HttpResponseMessage>> request)
    {
        try
        {
            var r = await request();
            string text = await r.Content.ReadAsStringAsync();
            JsonElement body;
            try { body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement; }
            catch (JsonException) { body = JsonDocument.Parse(JsonSerializer.Serialize(new { error = text })).RootElement; }
            if (r.IsSuccessStatusCode && !(body.ValueKind == JsonValueKind.Object && body.TryGetProperty("applied", out var a) && !a.GetBoolean()))
                return (true, body);
            return (false, JsonDocument.Parse(JsonSerializer.Serialize(new { error = Reason(r.StatusCode, text) })).RootElement);
        }
        catch (HttpRequestException e)
        {
            return (false, JsonDocument.Parse(JsonSerializer.Serialize(new { error = Unreachable(e) })).RootElement);
        }
    }

    private string Unreachable(HttpRequestException e) => $"cannot reach the server at {http.BaseAddress}: {e.Message} (is `vepp2k serve` running?)";

    private static string Reason(HttpStatusCode status, string text)
    {
        try
        {
            var e = JsonDocument.Parse(text).RootElement;
            // "detail" of RFC 7807 problem details; "error" is what servers before them sent.
            if (e.TryGetProperty("detail", out var m) || e.TryGetProperty("error", out m) || e.TryGetProperty("message", out m)) return $"{m.GetString()} ({(int)status})";
        }
        catch (JsonException) { }
        return status == HttpStatusCode.Unauthorized ? "not signed in: give --user/--password or VEPP2K_USER/VEPP2K_PASSWORD (401)" : $"{text} ({(int)status})";
    }

    /// <summary>Prints a failure's reason on stderr and returns the exit code.</summary>
    public static int Fail(JsonElement body)
    {
        Console.Error.WriteLine("vepp2k: " + (body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) ? e.GetString() : body.ToString()));
        return 3;
    }

    /// <summary>Prints an operation's answer and its arrival report; exit code 4 when not every element arrived.</summary>
    public static int Report(JsonElement body)
    {
        Console.WriteLine(body.GetProperty("message").GetString());
        if (body.TryGetProperty("arrival", out var a) && a.ValueKind == JsonValueKind.Object)
        {
            Console.WriteLine(a.GetProperty("message").GetString());
            if (!a.GetProperty("allArrived").GetBoolean()) return 4;
        }
        return 0;
    }

    public static string Pretty(JsonElement e) => JsonSerializer.Serialize(e, new JsonSerializerOptions { WriteIndented = true });
}
