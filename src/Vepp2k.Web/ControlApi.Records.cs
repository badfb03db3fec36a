using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Web;

/// <summary>Working sets, history, events, energy, the online model and users over HTTP.</summary>
public static partial class ControlApi
{
    public static void MapRecords(WebApplication app, ControlSystem system, ApiAuth auth)
    {
        MapWorkingSets(app, system, auth);
        MapHistory(app, system, auth);
        MapEnergy(app, system, auth);
        MapUsers(app, system, auth);
    }

    private static void MapWorkingSets(WebApplication app, ControlSystem system, ApiAuth auth)
    {
        var sets = system.WorkingSets;
        var store = system.Store;
        WorkingSet Load(string name, int? version) => store.LoadWorkingSet(name, version)
            ?? throw new KeyNotFoundException($"no working set '{name}'{(version is null ? "" : $" version {version}")}");

        app.MapGet("/api/worksets", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(store.ListWorkingSets(), Json)));
        app.MapPost("/api/worksets", (HttpContext http, SaveRequest r) => As(http, auth, who =>
            Results.Json(sets.Save(who, r.Name, r.Comment, r.Tags ?? []), Json)))
            .WithSummary("Save a fresh read of all settings as a new version");
        app.MapGet("/api/worksets/{name}", (HttpContext http, string name, int? version) => As(http, auth, _ => Results.Json(Load(name, version), Json)));
        app.MapGet("/api/worksets/{name}/compare", (HttpContext http, string name, int? version, string? with, double? tolerance) => As(http, auth, _ =>
        {
            var set = Load(name, version);
            WorkingSet? other = null;
            if (!string.IsNullOrEmpty(with) && with != "live")
            {
                var parts = with.Split(':');
                other = Load(parts[0], parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null);
            }
            return Results.Json(sets.Compare(set, other, tolerance ?? 0), Json);
        })).WithSummary("Compare with the live machine (with=live) or another set (with=name[:version])");
        app.MapPost("/api/worksets/{name}/restore", (HttpContext http, string name, RestoreRequest r) => As(http, auth, async who =>
        {
            if (Forbidden(who, "restore") is { } forbidden) return forbidden;
            var set = Load(name, r.Version);
            var report = await sets.Restore(who, set, Subsystem.Parse(r.Subsystems), r.Tolerance, TimeSpan.FromSeconds(r.TimeoutSeconds));
            return Results.Json(report, Json);
        })).WithSummary("Restore by subsystem: ordered, ramped, completion-checked; returns the report");
        app.MapGet("/api/worksets/{name}/export", (HttpContext http, string name, int? version, string? format) => As(http, auth, _ =>
        {
            var set = Load(name, version);
            return format?.ToLowerInvariant() == "csv"
                ? Results.Text(WorkingSetFiles.ExportCsv(set), "text/csv")
                : Results.Text(WorkingSetFiles.ExportJson(set), "application/json");
        }));
        app.MapPost("/api/worksets/import", (HttpContext http, string? format) => As(http, auth, async who =>
        {
            if (Forbidden(who, "import working sets") is { } forbidden) return forbidden;
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            string text = await reader.ReadToEndAsync();
            var set = format?.ToLowerInvariant() == "csv" ? WorkingSetFiles.ImportCsv(text) : WorkingSetFiles.ImportJson(text);
            return Results.Json(sets.Import(who, set), Json);
        })).WithSummary("Import a working set from JSON or CSV (saved as a new version)");
    }

    private static void MapHistory(WebApplication app, ControlSystem system, ApiAuth auth)
    {
        var store = system.Store;
        app.MapGet("/api/history/{**path}", (HttpContext http, string path, DateTimeOffset? from, DateTimeOffset? to, int? bins) => As(http, auth, async _ =>
        {
            await system.Archiver.FlushAsync();
            var end = to ?? system.Time.GetUtcNow();
            var start = from ?? end - TimeSpan.FromHours(1);
            if (start >= end) return Error(400, "from must be before to");
            return bins is > 0
                ? Results.Json(new { path, from = start, to = end, bins = store.QueryDecimated(path, start, end, Math.Min(bins.Value, 10_000)) }, Json)
                : Results.Json(new { path, from = start, to = end, samples = store.QuerySamples(path, start, end, 100_000) }, Json);
        })).WithSummary("Archived values of a channel: raw, or decimated into bins (min/max/mean)");

        EventQuery Query(DateTimeOffset? from, DateTimeOffset? to, string? kind, string? user, string? subject, string? text, int? limit) =>
            new(from, to, kind is null ? null : Enum.Parse<EventKind>(kind, ignoreCase: true), user, subject, text, Math.Clamp(limit ?? 1000, 1, 100_000));

        app.MapGet("/api/events", (HttpContext http, DateTimeOffset? from, DateTimeOffset? to, string? kind, string? user, string? subject, string? text, int? limit) =>
            As(http, auth, _ => Results.Json(store.QueryEvents(Query(from, to, kind, user, subject, text, limit)), Json)))
            .WithSummary("The event log, newest first, with filters");
        app.MapGet("/api/events.csv", (HttpContext http, DateTimeOffset? from, DateTimeOffset? to, string? kind, string? user, string? subject, string? text, int? limit) =>
            As(http, auth, _ => Results.Text(EventsCsv.Write(store.QueryEvents(Query(from, to, kind, user, subject, text, limit))), "text/csv")));
    }

    private static void MapEnergy(WebApplication app, ControlSystem system, ApiAuth auth)
    {
        app.MapGet("/api/energy", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(new
        {
            measurement = system.EnergyChannels?.Latest,
            setEnergyMeV = system.Core.EnergyEv / 1e6,
            calibration = system.Calibration.Calibration.Entries,
        }, Json)));
        app.MapPost("/api/energy/calibration", (HttpContext http, CalibrationRequest r) => As(http, auth, who =>
        {
            if (Forbidden(who, "enter calibrations") is { } forbidden) return forbidden;
            var method = Enum.Parse<CalibrationMethod>(r.Method, ignoreCase: true);
            double nmr = r.NmrMeV * 1e6 ?? (system.EnergyChannels?.Latest as EnergyMeasured)?.NmrEnergyEv
                ?? throw new ArgumentException("no NMR energy now; give nmrMeV");
            var entry = new EnergyCalibrationEntry(method, r.ReferenceMeV * 1e6, r.UncertaintyMeV * 1e6, nmr, who.User, system.Time.GetUtcNow(), r.Note);
            var result = system.Calibration.Add(entry);
            system.Core.Journal.Log(EventKind.Operator, who.User, "VEPP/Energy/Calibration", $"calibration entry {method}",
                null, $"{r.ReferenceMeV} MeV", result.ToString());
            return result.Accepted ? Results.Json(new OutcomeDto(true, result.Reason), Json) : Error(StatusCodes.Status409Conflict, result.Reason);
        })).WithSummary("Enter a calibration (phi-meson mass, resonant depolarisation, Compton backscattering)");
        app.MapGet("/api/model", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(system.ModelChannels?.Latest, Json)))
            .WithSummary("The latest online-model result");
        app.MapGet("/api/model/twiss", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            Results.Json(system.ModelChannels?.LatestOptics is { } optics
                ? new { stable = true, rows = (object)optics.Linear.Rows }
                : new { stable = false, rows = (object)Array.Empty<object>() }, Json)))
            .WithSummary("Lattice functions at every element from the online model (readbacks through the magnet models)");
    }

    private static void MapUsers(WebApplication app, ControlSystem system, ApiAuth auth)
    {
        app.MapGet("/api/users", Task<IResult> (HttpContext http) => As(http, auth, who =>
            who.Role != Role.Admin ? Error(403, "only an admin may list users")
                : Results.Json(system.Store.ListUsers().Select(u => new { name = u.Name, role = u.Role.ToString() }), Json)));
        app.MapPost("/api/users", (HttpContext http, UserRequest r) => As(http, auth, who =>
        {
            var problem = system.Users.Save(who.Role, r.Name, Enum.Parse<Role>(r.Role, ignoreCase: true), r.Password);
            if (problem is not null) return Error(who.Role == Role.Admin ? 400 : 403, problem);
            system.Core.Journal.Log(EventKind.Operator, who.User, $"user/{r.Name}", "user saved", null, r.Role, "applied");
            return Results.Json(new { saved = r.Name, role = r.Role }, Json);
        }));
    }
}
