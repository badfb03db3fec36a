using System.CommandLine;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;
using Vepp2k.Epics;
using Vepp2k.Vcas;
using Vepp2k.Web;

namespace Vepp2k.Cli;

/// <summary>
/// vepp2k serve: the whole control system on the embedded default (simulated VEPP-2000 in the
/// design-1GeV mode at 1 GeV, supplies on, SQLite history under ./data), with its HTTP/JSON and
/// WebSocket API, until Ctrl-C.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var bind = new Option<string>("--bind") { Description = "address to listen on", DefaultValueFactory = _ => "127.0.0.1" };
        var port = new Option<int>("--http-port") { Description = "HTTP port (0 = no HTTP server)", DefaultValueFactory = _ => 8080 };
        var mode = new Option<string>("--mode") { Description = "operating mode the machine starts in", DefaultValueFactory = _ => Machine.Modes.Default };
        var data = new Option<string>("--data") { Description = "data folder (SQLite history, calibration, admin credential)", DefaultValueFactory = _ => "data" };
        var postgres = new Option<string?>("--postgres") { Description = "PostgreSQL connection string (history there instead of SQLite)" };
        var scale = new Option<double>("--time-scale") { Description = "simulated time speed (1 = real time)", DefaultValueFactory = _ => 1.0 };
        var admin = new Option<string?>("--admin-password") { Description = "admin password for the first start (or VEPP2K_ADMIN_PASSWORD)" };
        var caPort = new Option<int>("--ca-port") { Description = "EPICS Channel Access port, UDP search and TCP (0 = off)", DefaultValueFactory = _ => 5064 };
        var caBeacon = new Option<int>("--ca-beacon-port") { Description = "where CA beacons go (the clients' EPICS_CA_REPEATER_PORT)", DefaultValueFactory = _ => 5065 };
        var caRules = new Option<string?>("--ca-rules") { Description = "CA access-rules file (docs/epics.md); default: local clients operate, others read" };
        var vcasPort = new Option<int>("--vcas-port") { Description = "VCAS text-protocol port (0 = off)", DefaultValueFactory = _ => 20041 };
        var vcasWriters = new Option<string>("--vcas-writers") { Description = "who may write over VCAS, e.g. loopback=Operator,10.0.0.0/8=Expert (default: nobody)", DefaultValueFactory = _ => "" };
        var subsystems = new Option<string?>("--subsystems") { Description = "serve only these subsystems (dipoles,quads,solenoids,correctors); the machine-wide channels go with dipoles" };
        var tick = new Option<double>("--readback-hz") { Description = "device-loop (readback) rate", DefaultValueFactory = _ => 10 };
        var retention = new Option<double>("--retention-days") { Description = "keep archived samples this many days (0 = forever); events are kept forever", DefaultValueFactory = _ => ControlSystemOptions.DefaultRetention.Samples!.Value.TotalDays };
        var modelCurves = new Option<string>("--model-curves") { Description = "excitation curves of the online model: analytic, or computed (2-D magnetostatics tables, docs/magnets/magnetostatics.md)", DefaultValueFactory = _ => "analytic" };
        var errors = new Option<string>("--errors")
        {
            Description = "hidden errors of the simulated ring: a seed, none, or a JSON file (docs/beam.md); default: the documented realistic set",
            DefaultValueFactory = _ => ControlSystemOptions.DefaultErrorSeed.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var testHooks = new Option<bool>("--test-hooks") { Description = "enable fault injection for browser tests (POST /api/test/quench); never in operation" };
        var command = new Command("serve", "run the control system of the simulated VEPP-2000 with its HTTP/JSON, WebSocket and VCAS interfaces")
        {
            bind, port, mode, data, postgres, scale, admin, caPort, caBeacon, caRules, vcasPort, vcasWriters, subsystems, retention, tick, errors, testHooks, modelCurves,
        };
        command.SetAction(async (parse, cancel) =>
        {
            // What clients did to the servers (limits reached, failed circuits) and what the control
            // system cannot show in a channel (storage failures, spilled events) go to standard error.
            using var logs = LoggerFactory.Create(b => b
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
                .AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "yyyy-MM-dd HH:mm:ss "; })
                .AddFilter(level => level >= LogLevel.Information));
            ControlSystem system;
            VcasServerOptions vcasOptions;
            CaServerOptions caOptions;
            try
            {
                var options = new ControlSystemOptions
                {
                    DataFolder = parse.GetValue(data)!,
                    PostgresConnection = parse.GetValue(postgres),
                    Mode = Machine.Modes.Find(parse.GetValue(mode)!).Name,
                    AdminPassword = parse.GetValue(admin) ?? Environment.GetEnvironmentVariable("VEPP2K_ADMIN_PASSWORD"),
                    TickPeriod = parse.GetValue(tick) is > 0 and <= 1000 and var hz ? TimeSpan.FromSeconds(1 / hz)
                        : throw new ArgumentException("--readback-hz must be in (0, 1000]"),
                    Subsystems = parse.GetValue(subsystems) is { } list ? Subsystem.Parse(list) : null,
                    Logs = logs,
                    Errors = BeamCommands.ParseErrors(parse.GetValue(errors)!),
                    ModelCurves = parse.GetValue(modelCurves) switch
                    {
                        "analytic" => Machine.Magnets.CurveSet.Analytic,
                        "computed" => Machine.Magnets.CurveSet.Computed,
                        var other => throw new ArgumentException($"--model-curves: '{other}' is neither analytic nor computed"),
                    },
                    Retention = parse.GetValue(retention) > 0 ? new RetentionPolicy(TimeSpan.FromDays(parse.GetValue(retention)), null) : null,
                };
                caOptions = new CaServerOptions
                {
                    Port = parse.GetValue(caPort), BeaconPort = parse.GetValue(caBeacon), Bind = IPAddress.Parse(parse.GetValue(bind)!),
                    RulesFile = parse.GetValue(caRules),
                };
                vcasOptions = new VcasServerOptions
                {
                    Port = parse.GetValue(vcasPort), Bind = IPAddress.Parse(parse.GetValue(bind)!),
                    Writers = VcasServerOptions.ParseWriters(parse.GetValue(vcasWriters)!),
                };
                system = ControlSystem.Start(options, new ScaledTimeProvider(parse.GetValue(scale)));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException or StorageException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"vepp2k serve: {e.Message}");
                return 2;
            }
            await using (system)
            {
                Console.WriteLine($"vepp2k: simulated VEPP-2000, mode {system.Options.Mode}, {system.Registry.Count} channels, data in {Path.GetFullPath(system.Options.DataFolder)}");
                Console.WriteLine($"vepp2k: {system.AdminMessage}");
                if (system.Beam is not null) Console.WriteLine($"vepp2k: ring errors: {system.Options.Errors.Origin}; beam {system.Beam.Latest?.Status}");
                var loop = system.RunAsync(cancel);
                WebApplication? web = null;
                VcasServer? vcas = null;
                CaServer? ca = null;
                try
                {
                    if (caOptions.Port != 0)
                    {
                        ca = new CaServer(system.Registry, caOptions, logs.CreateLogger<CaServer>());
                        await ca.StartAsync();
                        Console.WriteLine($"vepp2k: EPICS Channel Access on {caOptions.Bind}:{ca.Port} (PV names: VEPP/QUAD/1F1/MCur.1 is VEPP:QUAD:1F1:MCur_1)");
                    }
                    if (vcasOptions.Port != 0)
                    {
                        vcas = new VcasServer(system.Registry, vcasOptions, logs.CreateLogger<VcasServer>());
                        await vcas.StartAsync(cancel);
                        Console.WriteLine($"vepp2k: VCAS on {vcasOptions.Bind}:{vcas.Port} ({(vcasOptions.Writers.Count == 0 ? "read-only" : "writers: " + parse.GetValue(vcasWriters))})");
                    }
                    if (parse.GetValue(port) != 0)
                    {
                        web = ControlServer.Create(system, new ServerOptions(parse.GetValue(bind)!, parse.GetValue(port), system.Options.Mode, parse.GetValue(testHooks)));
                        await web.StartAsync(cancel);
                        foreach (var url in web.Urls) Console.WriteLine($"vepp2k: HTTP API at {url} (OpenAPI: {url}/openapi/v1.json)");
                    }
                    await loop;
                }
                catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
                {
                    Console.Error.WriteLine($"vepp2k serve: {e.Message}");
                    return 2;
                }
                finally
                {
                    if (web is not null) await web.DisposeAsync();
                    if (vcas is not null) await vcas.DisposeAsync();
                    if (ca is not null) await ca.DisposeAsync();
                }
            }
            return 0;
        });
        return command;
    }
}
