using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Web;

/// <summary>
/// The operator console: a static single page (HTML, JavaScript modules, CSS, all embedded in this
/// assembly, nothing fetched from elsewhere) at /, the ring layout it draws, alarm acknowledgement,
/// and, only when <see cref="ServerOptions.TestHooks"/> is on, fault injection for tests.
/// </summary>
public static class ConsoleServer
{
    private const string Prefix = "console/";
    private static readonly Assembly Assets = typeof(ConsoleServer).Assembly;

    public static void Map(WebApplication app, ControlSystem system, ApiAuth auth, ServerOptions options)
    {
        app.MapGet("/", () => Asset("index.html"));
        app.MapGet("/console/{file}", (string file) => Asset(file));

        var layout = new Lazy<RingLayoutDto>(() => RingLayout.Build(system.Machine, system.Options.Mode));
        app.MapGet("/api/layout", Task<IResult> (HttpContext http) => ControlApi.As(http, auth, _ => Results.Json(layout.Value, ControlApi.Json)))
            .WithSummary("The ring drawing: closed-orbit geometry of the lattice, magnets with their supplies, IP/RF/injection markers");

        app.MapPost("/api/alarms/ack", (HttpContext http, AckRequest r) => ControlApi.As(http, auth, who =>
        {
            if (ControlApi.Forbidden(system.Core, who, r.Channel, "acknowledge alarms") is { } forbidden) return forbidden;
            if (system.Registry.Find(r.Channel) is not { } c) return ControlApi.Error(404, $"no channel '{r.Channel}'");
            var result = system.Core.AcknowledgeAlarm(who with { Origin = "http" }, c);
            return Results.Json(new { acknowledged = r.Channel, severity = c.Snapshot().Severity.ToString(), message = result.Message }, ControlApi.Json);
        })).WithSummary("Acknowledge an alarm (logged in the event log)");

        if (options.TestHooks)
            app.MapPost("/api/test/quench", (HttpContext http, QuenchRequest r) => ControlApi.As(http, auth, who =>
            {
                if (ControlApi.Forbidden(system.Core, who, "test/quench", "use test hooks") is { } forbidden) return forbidden;
                var simulator = system.Simulator ?? throw new ArgumentException("quench injection needs the simulated machine");
                var solenoid = simulator.Solenoids.OfType<Control.Quench.SuperconductingSolenoid>().FirstOrDefault(s => s.Name == r.Solenoid)
                    ?? throw new ArgumentException($"no solenoid '{r.Solenoid}'; use 1S..4S");
                solenoid.InjectQuench(r.Section);
                return Results.Json(new { injected = $"{r.Solenoid} {r.Section}" }, ControlApi.Json);
            })).WithSummary("Test hook: a quench in a solenoid section (only with --test-hooks)");
    }

    private static IResult Asset(string file)
    {
        var stream = Assets.GetManifestResourceStream(Prefix + file);
        if (stream is null) return ControlApi.Error(404, $"no console file '{file}'");
        string type = Path.GetExtension(file) switch
        {
            ".html" => "text/html; charset=utf-8",
            ".js" => "text/javascript; charset=utf-8",
            ".css" => "text/css; charset=utf-8",
            ".svg" => "image/svg+xml",
            _ => "application/octet-stream",
        };
        return Results.Stream(stream, type);
    }
}

public sealed record AckRequest(string Channel);

public sealed record QuenchRequest(string Solenoid, string Section);
