using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vepp2k.Control.Beam;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Web;

/// <summary>The beam over HTTP: its readings, injection, orbit-response measurements and the orbit correction.</summary>
public static partial class ControlApi
{
    public static void MapBeam(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        IResult NoBeam() => Error(StatusCodes.Status404NotFound, "this server has no beam (real hardware, or a server without the dipoles)");
        api.MapGet("/beam", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            system.Beam?.Latest is { } b ? Results.Json(BeamDto.From(b), Json) : NoBeam()))
            .Produces<BeamDto>().Finds().WithSummary("The beam instruments' last reading: orbit at the BPMs, beam spots at the CCDs, tunes, currents, lifetimes, luminosity");
        api.MapPost("/beam/inject", (HttpContext http, InjectRequest r) => As(http, auth, who =>
        {
            if (system.Beam is null) return NoBeam();
            if (Forbidden(system.Core, who, "VEPP/Currents", "change the machine") is { } forbidden) return forbidden;
            string? refusal = system.Beam.Inject(r.Beam, r.CurrentMA * 1e-3);
            system.Core.Journal.Log(Control.History.EventKind.Operator, who.User, "VEPP/Currents", $"inject {r.Beam} {r.CurrentMA:F1} mA via {who.Origin}",
                result: refusal is null ? "applied" : "refused: " + refusal);
            return refusal is null ? Results.Json(new OutcomeDto(true, $"{r.CurrentMA:F1} mA injected into {r.Beam}"), Json) : Error(StatusCodes.Status409Conflict, refusal);
        })).Produces<OutcomeDto>().Acts().WithSummary("Inject current into the electron (e) or positron (p) bunch of the simulated machine");

        api.MapPost("/orbit/response", (HttpContext http, ResponseRequest r) => As(http, auth, who =>
        {
            if (system.Measurements is null) return NoBeam();
            if (Forbidden(system.Core, who, "VEPP/Orbit/Response", "change the machine") is { } forbidden) return forbidden;
            var (run, result) = system.Measurements.StartResponse(who, r.Correctors, r.StepA ?? BeamOperations.DefaultStepAmps,
                r.Dispersion ? r.RfStep ?? BeamOperations.DefaultRfStep : 0);
            return run is null ? Outcome(result) : Results.Json(MeasurementDto.From(run, false), Json);
        })).Produces<MeasurementDto>().Acts()
            .WithSummary("Measure the orbit response: each corrector (all 36 dipole correctors by default) stepped +-stepA and restored exactly; dispersion=true adds an RF-frequency step");
        api.MapGet("/orbit/response", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            system.Measurements is null ? NoBeam() : Results.Json(system.Measurements.Runs.Select(r => MeasurementDto.From(r, false)), Json)))
            .Produces<IReadOnlyList<MeasurementDto>>().WithSummary("The response measurements of this run");
        api.MapGet("/orbit/response/{id:long}", (HttpContext http, long id) => As(http, auth, _ =>
            system.Measurements?.Find(id) is { } run ? Results.Json(MeasurementDto.From(run, true), Json) : Error(StatusCodes.Status404NotFound, $"no measurement #{id}")))
            .Produces<MeasurementDto>().Finds().WithSummary("One measurement, with its response matrix [m/rad] when completed");
        api.MapPost("/orbit/response/{id:long}/abort", (HttpContext http, long id) => As(http, auth, who =>
            system.Measurements is null ? NoBeam()
            : Forbidden(system.Core, who, $"measurement #{id}", "abort measurements") ?? (system.Measurements.Find(id) is null ? Error(404, $"no measurement #{id}") : Outcome(system.Measurements.Abort(who, id)))))
            .Produces<OutcomeDto>().Finds().Acts().WithSummary("Abort a measurement: the corrector in hand goes back to its setpoint");

        api.MapGet("/orbit/correction", (HttpContext http, double? svCut, double? tikhonov, long? measurement, double? dispersionWeight) => As(http, auth, _ =>
            system.Orbit is null ? NoBeam()
            : Results.Json(system.Orbit.Plan(new CorrectionOptions(svCut ?? 1e-3, tikhonov ?? 0, DispersionWeight: dispersionWeight ?? 0), measurement), Json)))
            .Produces<OrbitCorrectionPlan>().WithSummary("What an orbit correction would change now (measured response with measurement=ID, else the model's; dispersionWeight>0 also steers the measurement's dispersion); nothing moves");
        api.MapPost("/orbit/correction", (HttpContext http, CorrectionRequest r) => As(http, auth, async who =>
        {
            if (system.Orbit is null) return NoBeam();
            if (Forbidden(system.Core, who, "VEPP/Orbit/Correction", "change the machine") is { } forbidden) return forbidden;
            if (!r.Confirm) return Error(StatusCodes.Status400BadRequest, "confirm=true applies the correction; GET /api/orbit/correction shows what it would change");
            var (plan, result) = system.Orbit.Apply(who, new CorrectionOptions(r.SvCut ?? 1e-3, r.Tikhonov ?? 0, DispersionWeight: r.DispersionWeight ?? 0), r.Measurement);
            if (!result.Applied) return Error(result.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, result.Message);
            Control.Operations.ArrivalReport? arrival = null;
            if (r.Wait && system.Core.FindRamp(result.RampId!.Value) is { } ramp)
                arrival = await system.Core.WaitForArrival([.. result.Items.Select(i => (i.Element, i.NewCurrent))], r.Tolerance, ramp.Duration + TimeSpan.FromSeconds(r.TimeoutSeconds));
            return Results.Json(new CorrectionDto(plan, result.RampId, result.Message, arrival), Json);
        })).Produces<CorrectionDto>().Acts().WithSummary("Apply an orbit correction as one synchronised ramp of the correctors (confirm=true)");

        api.MapPost("/loco/measure", (HttpContext http, LocoMeasureRequest r) => As(http, auth, who =>
        {
            if (system.Loco is null) return NoBeam();
            if (Forbidden(system.Core, who, "VEPP/Orbit/Response", "change the machine") is { } forbidden) return forbidden;
            var (run, result) = system.Loco.Measure(who, r.KickStep ?? LocoOperations.DefaultKickStep, r.RfStep ?? BeamOperations.DefaultRfStep);
            return run is null ? Outcome(result) : Results.Json(MeasurementDto.From(run, false), Json);
        })).Produces<MeasurementDto>().Acts().WithSummary("Start a LOCO measurement: every dipole corrector by the same kick, then the RF frequency (dispersion)");
        api.MapPost("/loco/fits", (HttpContext http, LocoFitRequest r) => As(http, auth, who =>
        {
            if (system.Loco is null) return NoBeam();
            if (Forbidden(system.Core, who, "VEPP/Loco", "run LOCO") is { } forbidden) return forbidden;
            var (run, result) = system.Loco.StartFit(who, r.Measurement);
            return run is null ? Outcome(result) : Results.Json(LocoDto.From(run), Json);
        })).Produces<LocoDto>().Acts().WithSummary("Fit a completed LOCO measurement (runs in the background; poll GET /api/loco/fits/{id})");
        api.MapGet("/loco/fits", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            system.Loco is null ? NoBeam() : Results.Json(system.Loco.Runs.Select(LocoDto.From), Json)))
            .Produces<IReadOnlyList<LocoDto>>().WithSummary("The LOCO fits of this run");
        api.MapGet("/loco/fits/{id:long}", (HttpContext http, long id) => As(http, auth, _ =>
            system.Loco?.Find(id) is { } run ? Results.Json(LocoDto.From(run), Json) : Error(StatusCodes.Status404NotFound, $"no LOCO #{id}")))
            .Produces<LocoDto>().Finds().WithSummary("A LOCO fit: chi2 per iteration, fitted parameters, beta-beat and CCD size ratios before and after, the corrections as currents");
        api.MapPost("/loco/fits/{id:long}/apply", (HttpContext http, long id, ApplyRequest r) => As(http, auth, async who =>
        {
            if (system.Loco is null) return NoBeam();
            if (Forbidden(system.Core, who, $"LOCO #{id}", "change the machine") is { } forbidden) return forbidden;
            if (system.Loco.Find(id) is null) return Error(StatusCodes.Status404NotFound, $"no LOCO #{id}");
            var result = system.Loco.Apply(who with { Confirmed = r.Confirm }, id);
            return await WithArrival(system.Core, result, r.Wait, r.Tolerance, r.TimeoutSeconds);
        })).Produces<OperationDto>().Finds().Acts().WithSummary("Apply a LOCO fit's quadrupole and skew corrections as one ramp (confirm=true)");
    }
}

public sealed record LocoMeasureRequest(double? KickStep = null, double? RfStep = null);
public sealed record LocoFitRequest(long Measurement);
public sealed record ApplyRequest(bool Confirm = false, bool Wait = false, double Tolerance = 0.05, double TimeoutSeconds = 60);

public sealed record LocoParameterDto(string Kind, string Name, double Value, double Error);

/// <summary>A LOCO fit as the console and scripts show it.</summary>
public sealed record LocoDto(long Id, string User, long Measurement, string State, string Where, IReadOnlyList<LocoIteration>? Iterations,
    double? Chi2PerDegreeOfFreedom, IReadOnlyList<LocoParameterDto>? Parameters, LocoOpticsReport? Before, LocoOpticsReport? After,
    IReadOnlyList<CorrectorChange> Changes)
{
    public static LocoDto From(LocoRun run)
    {
        var fit = run.State == LocoState.Completed ? run.Fit : null;
        return new(run.Id, run.User, run.Measurement, run.State.ToString(), run.Where(), fit?.Iterations,
            fit is null ? null : fit.Chi2 / Math.Max(1, fit.DegreesOfFreedom),
            fit?.Parameters.Select((p, i) => new LocoParameterDto(p.Kind.ToString(), p.Name, fit.Values[i], fit.Errors[i])).ToArray(),
            fit is null ? null : run.Before, fit is null ? null : run.After, fit is null ? [] : run.Changes);
    }
}

public sealed record CorrectionDto(OrbitCorrectionPlan Plan, long? RampId, string Message, Control.Operations.ArrivalReport? Arrival);
public sealed record InjectRequest(string Beam, double CurrentMA);
public sealed record ResponseRequest(IReadOnlyList<string>? Correctors = null, double? StepA = null, bool Dispersion = false, double? RfStep = null);
public sealed record CorrectionRequest(bool Confirm = false, double? SvCut = null, double? Tikhonov = null, long? Measurement = null, bool Wait = false,
    double Tolerance = 0.01, double TimeoutSeconds = 30, double? DispersionWeight = null);

/// <summary>A monitor reading in mm (positions and sizes) and rad (tilt), as the console and scripts show it.</summary>
public sealed record SpotDto(string Name, double X, double Z, double? SigmaX = null, double? SigmaZ = null, double? Tilt = null);

public sealed record BeamDto(long Sequence, DateTimeOffset Time, string Status, double ElectronMA, double PositronMA,
    double ElectronLifetime, double PositronLifetime, IReadOnlyList<double> Tunes, IReadOnlyList<IpLuminosity> Luminosity,
    IReadOnlyList<SpotDto> Bpms, IReadOnlyList<SpotDto> Ccds)
{
    public static BeamDto From(BeamReadings b) => new(b.Sequence, b.Time, b.Status, b.ElectronCurrent * 1e3, b.PositronCurrent * 1e3,
        b.ElectronLifetime, b.PositronLifetime, b.Tunes, b.Luminosity,
        [.. b.Bpms.Select(p => new SpotDto(p.Name, p.X * 1e3, p.Z * 1e3))],
        [.. b.Ccds.Select(c => new SpotDto(c.Name, c.X * 1e3, c.Z * 1e3, c.SigmaX * 1e3, c.SigmaZ * 1e3, c.Tilt))]);
}

/// <param name="Matrix">Rows: x at each monitor, then z; columns: the correctors [m/rad]. Only when asked for one measurement.</param>
/// <param name="OrbitPerRf">Orbit change per relative RF-frequency change [m] at each reading (x, then z), when measured.</param>
public sealed record MeasurementDto(long Id, string User, string State, string Where, int Measured, IReadOnlyList<string> Correctors,
    IReadOnlyDictionary<string, double> StepsA, double? KickStep, IReadOnlyList<string>? Monitors, double[][]? Matrix, double[]? OrbitPerRf = null)
{
    public static MeasurementDto From(OrbitResponseRun run, bool withMatrix)
    {
        var r = withMatrix ? run.Result : null;
        double[][]? rows = r is null ? null
            : [.. Enumerable.Range(0, r.Matrix.GetLength(0)).Select(i => Enumerable.Range(0, r.Matrix.GetLength(1)).Select(j => r.Matrix[i, j]).ToArray())];
        return new(run.Id, run.User, run.State.ToString(), run.Where(), run.Measured, run.Correctors, run.Steps, run.KickStep, r?.Monitors, rows,
            withMatrix ? run.OrbitPerRf : null);
    }
}
