using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Vepp2k.Machine;
using Vepp2k.Machine.Reports;
using Vepp2k.MadX;
using Vepp2k.Physics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Web;

/// <summary>Options of the HTTP server.</summary>
/// <param name="TestHooks">Fault injection endpoints for browser tests (POST /api/test/quench); off in operation.</param>
public sealed record ServerOptions(string Bind = "127.0.0.1", int HttpPort = 8080, string Mode = Modes.Default, bool TestHooks = false);

/// <summary>
/// The HTTP/JSON face of the simulated VEPP-2000 model: modes, optics summary with Table 1 and the
/// round-beam report, and lattice functions per element, for any embedded mode and energy. Read
/// only; the control system (channels, devices, working sets) is a later layer over the same model.
/// </summary>
public static class OpticsServer
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>A server with only the optics endpoints (no control system).</summary>
    public static WebApplication Create(ServerOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{options.Bind}:{options.HttpPort}");
        var app = builder.Build();
        app.MapGet("/", () => Results.Content(Index(options), "text/html"));
        Map(app, options);
        return app;
    }

    /// <summary>Adds the read-only optics endpoints to an application.</summary>
    public static void Map(WebApplication app, ServerOptions options)
    {
        Modes.Find(options.Mode);
        var cache = new ConcurrentDictionary<(string, double?), (RingOptics Optics, OpticsSource Source)>();

        (RingOptics, OpticsSource) Compute(string? mode, double? energyGeV) => cache.GetOrAdd((mode ?? options.Mode, energyGeV), key =>
        {
            var source = OpticsSource.Resolve(null, null, key.Item1, key.Item2);
            return (RingOptics.Compute(source.Lattice), source);
        });

        IResult Guarded(Func<IResult> action)
        {
            try { return action(); }
            catch (Exception e) when (e is ArgumentException or OpticsException or MadxException)
            {
                return ApiProblems.Problem(StatusCodes.Status400BadRequest, e.Message);
            }
        }

        app.MapGet("/api/modes", () => Results.Json(Modes.All, Json));
        app.MapGet("/api/optics", (string? mode, double? energy) => Guarded(() =>
        {
            var (optics, source) = Compute(mode, energy);
            return Results.Json(OpticsReport.From(optics, source), Json);
        }));
        app.MapGet("/api/twiss", (string? mode, double? energy) => Guarded(() =>
            Results.Json(Compute(mode, energy).Item1.Linear.Rows, Json)));
    }

    private static string Index(ServerOptions o) => $"""
        <!doctype html><html><head><meta charset="utf-8"><title>VEPP-2000 model</title></head><body>
        <h1>VEPP-2000 magnet system: simulated ring</h1>
        <p>Default mode <b>{o.Mode}</b>. JSON endpoints (read only):</p>
        <ul>
        <li><a href="/api/modes">/api/modes</a>: the embedded lattice modes</li>
        <li><a href="/api/optics">/api/optics?mode=&amp;energy=</a>: tunes, chromaticity, equilibrium, Table 1, round-beam report</li>
        <li><a href="/api/twiss">/api/twiss?mode=&amp;energy=</a>: lattice functions at every element</li>
        </ul></body></html>
        """;
}
