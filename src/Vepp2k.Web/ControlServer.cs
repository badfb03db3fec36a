using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Web;

/// <summary>
/// The HTTP server of a running control system: the optics model endpoints, the control API
/// (channels, elements, groups, ramps, working sets, history, events, energy, model, users), live
/// updates over WebSocket at /ws/channels, the operator console at /, and the OpenAPI document at /openapi/v1.json.
/// </summary>
public static class ControlServer
{
    /// <param name="signInClock">The clock of the sign-in throttle's lockouts (the wall clock unless a test steps it).</param>
    public static WebApplication Create(ControlSystem system, ServerOptions options, TimeProvider? signInClock = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls($"http://{options.Bind}:{options.HttpPort}");
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "VEPP-2000 magnet control system";
            doc.Info.Description = "Channels, groups, ramps, working sets, history, events, energy and the online model of the simulated VEPP-2000. "
                + "Sign in with POST /api/login (bearer token) or use HTTP Basic credentials.";
            return Task.CompletedTask;
        }));
        builder.Services.AddApiProblems();
        var app = builder.Build();
        app.UseApiProblems();
        app.UseWebSockets();
        app.MapOpenApi();
        var auth = new ApiAuth(system.Users, signInClock ?? TimeProvider.System, system.Core.Journal);
        OpticsServer.Map(app, options);
        var api = app.MapApi();
        ControlApi.Map(api, system, auth);
        ControlApi.MapRecords(api, system, auth);
        ControlApi.MapBeam(api, system, auth);
        var sockets = new ChannelSocket(system.Registry, auth, app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<ChannelSocket>());
        app.Lifetime.ApplicationStopped.Register(sockets.Dispose);
        app.Map("/ws/channels", sockets.Serve);
        ConsoleServer.Map(app, system, auth, options);
        return app;
    }
}
