using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.Online;
using Vepp2k.Control.Runtime;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Web;

/// <summary>Working sets, history, events, energy, the online model and users over HTTP.</summary>
public static partial class ControlApi
{
    public static void MapRecords(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        MapWorkingSets(api, system, auth);
        MapHistory(api, system, auth);
        MapEnergy(api, system, auth);
        MapUsers(api, system, auth);
    }

    private static void MapWorkingSets(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        var sets = system.WorkingSets;
        var store = system.Store;
        WorkingSet Load(string name, int? version) => store.LoadWorkingSet(name, version)
            ?? throw new KeyNotFoundException($"no working set '{name}'{(version is null ? "" : $" version {version}")}");

        api.MapGet("/worksets", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(store.ListWorkingSets(), Json)))
            .Produces<IReadOnlyList<WorkingSetInfo>>().WithSummary("Every working set, latest version first");
        api.MapPost("/worksets", (HttpContext http, SaveRequest r) => As(http, auth, who =>
            Results.Json(sets.Save(who, r.Name, r.Comment, r.Tags ?? []), Json)))
            .Produces<WorkingSet>().ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Save a fresh read of all settings as a new version");
        api.MapGet("/worksets/{name}", (HttpContext http, string name, int? version) => As(http, auth, _ => Results.Json(Load(name, version), Json)))
            .Produces<WorkingSet>().Finds().WithSummary("One version of a working set (default the latest)");
        api.MapGet("/worksets/{name}/compare", (HttpContext http, string name, int? version, string? with, double? tolerance) => As(http, auth, _ =>
        {
            var set = Load(name, version);
            WorkingSet? other = null;
            if (!string.IsNullOrEmpty(with) && with != "live")
            {
                var parts = with.Split(':');
                other = Load(parts[0], parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : null);
            }
            return Results.Json(sets.Compare(set, other, tolerance ?? 0), Json);
        })).Produces<IReadOnlyList<ComparisonItem>>().Finds().WithSummary("Compare with the live machine (with=live) or another set (with=name[:version])");
        api.MapPost("/worksets/{name}/restore", (HttpContext http, string name, RestoreRequest r) => As(http, auth, async who =>
        {
            if (Forbidden(system.Core, who, $"workingset/{name}", "restore working sets") is { } forbidden) return forbidden;
            var set = Load(name, r.Version);
            var report = await sets.Restore(who, set, Subsystem.Parse(r.Subsystems), r.Tolerance, TimeSpan.FromSeconds(r.TimeoutSeconds));
            return Results.Json(report, Json);
        })).Produces<RestoreReport>().Finds().ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Restore by subsystem: ordered, ramped, completion-checked; returns the report");
        api.MapGet("/worksets/{name}/export", (HttpContext http, string name, int? version, string? format) => As(http, auth, _ =>
        {
            var set = Load(name, version);
            return format?.ToLowerInvariant() == "csv"
                ? Results.Text(WorkingSetFiles.ExportCsv(set), "text/csv")
                : Results.Text(WorkingSetFiles.ExportJson(set), "application/json");
        })).Produces<WorkingSet>(StatusCodes.Status200OK, "application/json", "text/csv").Finds().WithSummary("Export a working set as JSON or CSV (format=csv)");
        api.MapPost("/worksets/import", (HttpContext http, string? format) => As(http, auth, async who =>
        {
            if (Forbidden(system.Core, who, "workingset", "import working sets") is { } forbidden) return forbidden;
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            string text = await reader.ReadToEndAsync();
            var set = format?.ToLowerInvariant() == "csv" ? WorkingSetFiles.ImportCsv(text) : WorkingSetFiles.ImportJson(text);
            return Results.Json(sets.Import(who, set), Json);
        })).Accepts<WorkingSet>("application/json", "text/csv").Produces<WorkingSet>().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Import a working set from JSON or CSV (saved as a new version)");
    }

    private static void MapHistory(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        var store = system.Store;
        api.MapGet("/history/{**path}", (HttpContext http, string path, DateTimeOffset? from, DateTimeOffset? to, int? bins) => As(http, auth, async _ =>
        {
            await system.Archiver.FlushAsync();
            var end = to ?? system.Time.GetUtcNow();
            var start = from ?? end - TimeSpan.FromHours(1);
            if (start >= end) return Error(400, "from must be before to");
            // The gaps go with the values so a plot breaks its line where the server did not run.
            var gaps = HistoryGaps.In(store, start, end);
            return bins is > 0
                ? Results.Json(new { path, from = start, to = end, gaps, bins = store.QueryDecimated(path, start, end, Math.Min(bins.Value, 10_000)) }, Json)
                : Results.Json(new { path, from = start, to = end, gaps, samples = store.QuerySamples(path, start, end, 100_000) }, Json);
        })).WithSummary("Archived values of a channel: raw, or decimated into bins (min/max/mean), with the gaps when the server did not run");
        api.MapGet("/history/gaps", (HttpContext http, DateTimeOffset? from, DateTimeOffset? to) => As(http, auth, _ =>
        {
            var end = to ?? system.Time.GetUtcNow();
            var start = from ?? end - TimeSpan.FromDays(30);
            if (start >= end) return Error(400, "from must be before to");
            return Results.Json(new { from = start, to = end, gaps = HistoryGaps.In(store, start, end) }, Json);
        })).WithSummary("Times the server did not run (from the last record before a start to the start), and whether it had stopped cleanly");

        EventQuery Query(DateTimeOffset? from, DateTimeOffset? to, string? kind, string? user, string? subject, string? text, int? limit) =>
            new(from, to, kind is null ? null : Enum.Parse<EventKind>(kind, ignoreCase: true), user, subject, text, Math.Clamp(limit ?? 1000, 1, 100_000));

        api.MapGet("/events", (HttpContext http, DateTimeOffset? from, DateTimeOffset? to, string? kind, string? user, string? subject, string? text, int? limit) =>
            As(http, auth, _ => Results.Json(store.QueryEvents(Query(from, to, kind, user, subject, text, limit)), Json)))
            .Produces<IReadOnlyList<EventRecord>>().WithSummary("The event log, newest first, with filters");
        api.MapGet("/events.csv", (HttpContext http, DateTimeOffset? from, DateTimeOffset? to, string? kind, string? user, string? subject, string? text, int? limit) =>
            As(http, auth, _ => Results.Text(EventsCsv.Write(store.QueryEvents(Query(from, to, kind, user, subject, text, limit))), "text/csv")));
    }

    private static void MapEnergy(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        api.MapGet("/energy", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            Results.Json(EnergyDto.From(system.EnergyChannels?.Latest, system.Core.EnergyEv, system.Calibration.Calibration.Entries), Json)))
            .Produces<EnergyDto>().WithSummary("The measured beam energy (or why there is none), the energy the strengths refer to, and the calibration entries");
        api.MapPost("/energy", (HttpContext http, EnergyRequest r) => As(http, auth, async who =>
        {
            if (Forbidden(system.Core, who, "VEPP/Energy/Request", "change the machine") is { } forbidden) return forbidden;
            var result = system.Core.SetEnergy(who, r.EnergyMeV * 1e6, r.RateMeVPerSecond * 1e6);
            return await WithArrival(system.Core, result, r.Wait, r.Tolerance, r.TimeoutSeconds);
        })).Produces<OperationDto>().Acts()
            .WithSummary("Move the machine to another beam energy: every supply ramps along its own curve so every strength is kept; wait=true waits for arrival");
        api.MapGet("/energy/plan", (HttpContext http, double energyMeV, double? rateMeVPerSecond) => As(http, auth, _ =>
        {
            var (plan, refusal) = system.Core.PlanEnergy(energyMeV * 1e6, (rateMeVPerSecond ?? Control.Operations.ControlCore.DefaultEnergyRateEvPerSecond / 1e6) * 1e6);
            return plan is null ? Error(StatusCodes.Status409Conflict, refusal!) : Results.Text(EnergyRampTable.ToCsv(plan), "text/csv");
        })).Produces<string>(StatusCodes.Status200OK, "text/csv").Acts()
            .WithSummary("The table an energy request would run now (time, energy, every supply's current per node), as CSV; nothing moves");
        api.MapPost("/energy/table", (HttpContext http, string? name) => As(http, auth, async who =>
        {
            if (Forbidden(system.Core, who, "VEPP/Energy/Request", "change the machine") is { } forbidden) return forbidden;
            using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
            string csv = await reader.ReadToEndAsync();
            var result = system.Core.RunEnergyTable(who, csv, name ?? "uploaded table");
            return await WithArrival(system.Core, result, false, 0, 0);
        })).Accepts<string>("text/csv").Produces<OperationDto>().Acts()
            .WithSummary("Run an energy-ramp table (CSV as GET /api/energy/plan writes it), checked whole against the machine first");
        api.MapPost("/standardise", (HttpContext http, StandardiseRequest r) => As(http, auth, async who =>
        {
            if (Forbidden(system.Core, who, "standardisation", "change the machine") is { } forbidden) return forbidden;
            var result = system.Core.Standardise(who with { Confirmed = r.Confirm }, r.Cycles);
            return await WithArrival(system.Core, result, r.Wait, r.Tolerance, r.TimeoutSeconds);
        })).Produces<OperationDto>().Acts()
            .WithSummary("Standardise the iron magnets: full range and back, cycles times, in one ramp; needs confirm=true (any beam is lost)");
        api.MapPost("/energy/scans", (HttpContext http, ScanRequest r) => As(http, auth, who =>
        {
            if (Forbidden(system.Core, who, "VEPP/Energy/Scan", "change the machine") is { } forbidden) return forbidden;
            if (!(r.DwellSeconds >= 0)) return Error(StatusCodes.Status400BadRequest, "dwellSeconds must be 0 or more");
            var (scan, result) = system.Core.StartScan(who with { Confirmed = r.Confirm }, [.. r.EnergiesMeV.Select(e => e * 1e6)], TimeSpan.FromSeconds(r.DwellSeconds),
                r.RateMeVPerSecond * 1e6, r.Standardise);
            return scan is null ? Outcome(result) : Results.Json(ScanDto.From(scan), Json);
        })).Produces<ScanDto>().Acts().WithSummary("Start an energy scan: each energy in turn, every strength kept, with a dwell at each; standardise=true (with confirm=true) standardises first and where the scan turns back");
        api.MapGet("/energy/scans", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(system.Core.Scans.Select(ScanDto.From), Json)))
            .Produces<IReadOnlyList<ScanDto>>().WithSummary("The energy scans (kept across restarts: one running at a restart comes back paused)");
        api.MapPost("/energy/scans/{id:long}/{action}", (HttpContext http, long id, string action) => As(http, auth, who =>
            action is "pause" or "resume" or "abort"
                ? Forbidden(system.Core, who, $"scan #{id}", "control scans") ?? Outcome(system.Core.ControlScan(who, id, action))
                : Error(StatusCodes.Status400BadRequest, $"unknown action '{action}' (pause, resume, abort)")))
            .Produces<OutcomeDto>().Acts().WithSummary("Pause, resume or abort an energy scan");
        api.MapGet("/energy/ramps/{id:long}/report", (HttpContext http, long id) => As(http, auth, _ =>
            system.RampRecorder.Report(id) is { } report ? Results.Json(report, Json)
                : Error(StatusCodes.Status404NotFound, $"no energy ramp #{id} recorded: the guard records energy ramps while they run and keeps the last {EnergyRampRecorder.KeptRamps}")))
            .Produces<EnergyRampReport>().WithSummary("What the energy-ramp guard saw along an energy ramp (energy, model and beam tunes, beta*, orbit, currents), each node beside the optics a proportional scaling of all currents would give");
        api.MapPost("/energy/procedures/{method}", (HttpContext http, string method, int? seed, bool? enter) => As(http, auth, who =>
        {
            var kind = method.ToLowerInvariant() switch
            {
                "rd" or "resonantdepolarization" => CalibrationMethod.ResonantDepolarization,
                "phi" or "phimesonmass" => CalibrationMethod.PhiMesonMass,
                _ => throw new ArgumentException($"unknown procedure '{method}' (rd, phi)"),
            };
            if (Forbidden(system.Core, who, CalibrationEntryOperation.Subject, "run calibrations") is { } forbidden) return forbidden;
            var run = system.CalibrationProcedures.Run(who, kind, seed ?? Environment.TickCount, enter ?? true);
            return run.Result.Applied ? Results.Json(new { applied = true, message = run.Result.Message, outcome = run.Outcome }, Json) : Outcome(run.Result);
        })).Acts().WithSummary("Run resonant depolarisation (rd) or the phi scan (phi) on the simulated machine and enter the result (enter=false: only report it)");
        api.MapPost("/energy/calibration", (HttpContext http, CalibrationRequest r) => As(http, auth, who =>
        {
            if (Forbidden(system.Core, who, CalibrationEntryOperation.Subject, "enter calibrations") is { } forbidden) return forbidden;
            var method = Enum.Parse<CalibrationMethod>(r.Method, ignoreCase: true);
            return Outcome(system.CalibrationEntry.Enter(who, method, r.ReferenceMeV * 1e6, r.UncertaintyMeV * 1e6, r.NmrMeV * 1e6, r.Note));
        })).Produces<OutcomeDto>().Acts().WithSummary("Enter a calibration (phi-meson mass, resonant depolarisation, Compton backscattering)");
        api.MapGet("/model", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(system.ModelChannels?.Latest, Json)))
            .Produces<OnlineResult>().WithSummary("The latest online-model result");
        api.MapGet("/model/twiss", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            Results.Json(system.ModelChannels?.LatestOptics is { } optics
                ? new { stable = true, rows = (object)optics.Linear.Rows }
                : new { stable = false, rows = (object)Array.Empty<object>() }, Json)))
            .WithSummary("Lattice functions at every element from the online model (readbacks through the magnet models)");
    }

    private static void MapUsers(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        api.MapGet("/users", Task<IResult> (HttpContext http) => As(http, auth, who =>
            who.Role != Role.Admin ? Error(403, "only an admin may list users")
                : Results.Json(system.Store.ListUsers().Select(u => new { name = u.Name, role = u.Role.ToString() }), Json)));
        api.MapPost("/users", (HttpContext http, UserRequest r) => As(http, auth, who =>
        {
            var result = system.UserAdministration.Save(who, r.Name, Enum.Parse<Role>(r.Role, ignoreCase: true), r.Password);
            // A refusal that is not about rights is about the name or the password given: bad input.
            return result.Applied ? Results.Json(new { saved = r.Name, role = r.Role }, Json) : Error(result.Denied ? 403 : 400, result.Message);
        }));
    }
}
