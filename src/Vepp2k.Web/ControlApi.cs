using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Web;

/// <summary>
/// The HTTP/JSON API of the control system: channels, elements, groups and ramps. Every request
/// needs a signed-in user; writes need the operator role or above and are logged under the user's
/// name by the control core. Errors are RFC 7807 problem details (<see cref="ApiProblems"/>): not
/// signed in 401, role not allowed 403, unknown thing 404, the machine refuses 409, bad input 400, storage down 503.
/// </summary>
public static partial class ControlApi
{
    internal static JsonSerializerOptions Json => OpticsServer.Json;

    internal static IResult Error(int status, string message) => ApiProblems.Problem(status, message);

    /// <summary>
    /// 403 for a caller whose role may not act, by the core's one policy (<see cref="ControlCore.Authorize"/>,
    /// which logs the refusal), asked before the request is read further so a viewer is told about
    /// rights, not about a bad body; null when the caller may go on.
    /// </summary>
    internal static IResult? Forbidden(ControlCore core, WriteContext who, string subject, string action) =>
        core.Authorize(who, subject, action) is { } denied ? Error(StatusCodes.Status403Forbidden, denied.Message) : null;

    internal static IResult? UnknownElement(ControlCore core, IEnumerable<string> names) =>
        names.FirstOrDefault(n => core.Machine.Find(n) is null) is { } unknown ? Error(StatusCodes.Status404NotFound, $"no element '{unknown}'") : null;

    /// <summary>HTTP 429 with Retry-After (whole seconds, rounded up) and the refusal saying when to retry.</summary>
    internal static IResult Throttled(HttpContext http, SignInOutcome outcome)
    {
        http.Response.Headers.RetryAfter = Math.Ceiling(outcome.RetryAfter!.Value.TotalSeconds).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);
        return Error(429, outcome.Refusal);
    }

    internal static IResult Outcome(WriteResult r) =>
        r.Applied ? TypedResults.Json(new OutcomeDto(true, r.Message), Json) : Error(r.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, r.Message);

    /// <summary>
    /// Runs an action for an authenticated caller (401 otherwise); the exceptions it may end in
    /// become problem details in <see cref="ApiProblems"/>.
    /// </summary>
    internal static async Task<IResult> As(HttpContext http, ApiAuth auth, Func<WriteContext, Task<IResult>> action)
    {
        var (caller, retryAfter) = auth.Check(http);
        if (retryAfter is { } wait) return Throttled(http, new SignInOutcome(null, wait));
        if (caller is not { } who) return Error(401, "sign in first (POST /api/login, or HTTP Basic credentials)");
        return await action(who);
    }

    internal static Task<IResult> As(HttpContext http, ApiAuth auth, Func<WriteContext, IResult> action) =>
        As(http, auth, who => Task.FromResult(action(who)));

    internal static Units ParseUnits(string units) => units.ToLowerInvariant() switch
    {
        "hardware" or "a" or "amps" => Units.Hardware,
        "physics" or "strength" => Units.Physics,
        _ => throw new ArgumentException($"units '{units}': use hardware (A) or physics (strength)"),
    };

    public static void Map(IEndpointRouteBuilder api, ControlSystem system, ApiAuth auth)
    {
        var core = system.Core;
        var registry = system.Registry;

        api.MapPost("/login", (HttpContext http, SignInRequest r) =>
        {
            var outcome = auth.CheckPassword(r.User, r.Password, ApiAuth.Address(http), "sign-in");
            if (outcome.RetryAfter is not null) return Throttled(http, outcome);
            if (outcome.Role is not { } role) return Error(401, "wrong user name or password");
            var s = auth.SignIn(r.User, role);
            return Results.Json(new { token = s.Token, role = s.Role.ToString(), expires = s.Expires }, Json);
        }).WithSummary("Sign in; returns a bearer token. After 5 wrong passwords for a user or from an address: 429 with Retry-After, doubling up to 15 min");

        api.MapGet("/whoami", Task<IResult> (HttpContext http) => As(http, auth, who => Results.Json(new WhoAmIDto(who.User, who.Role.ToString()), Json)))
            .Produces<WhoAmIDto>();

        api.MapGet("/channels", (HttpContext http, string? prefix, bool? full) => As(http, auth, _ =>
            Results.Json(registry.Under(prefix ?? "").Select(c => ChannelDto.From(c.Snapshot(), full ?? false)), Json)))
            .Produces<IReadOnlyList<ChannelDto>>().WithSummary("All channels under a path prefix");

        api.MapGet("/channels/{**path}", (HttpContext http, string path) => As(http, auth, _ =>
            registry.Find(path) is { } c ? Results.Json(ChannelDto.From(c.Snapshot(), true), Json) : Error(404, $"no channel '{path}'")))
            .Produces<ChannelDto>().Finds().WithSummary("One channel with its spec");

        api.MapPut("/channels/{**path}", (HttpContext http, string path, WriteRequest r) => As(http, auth, who =>
        {
            if (registry.Find(path) is not { } c) return Error(404, $"no channel '{path}'");
            if (Forbidden(core, who, path, "write") is { } forbidden) return forbidden;
            var value = ChannelValues.Parse(c.Spec, r.Value);
            return Outcome(c.Write(value, who with { Origin = "http", Confirmed = r.Confirm }));
        })).Produces<OutcomeDto>().Finds().Acts().WithSummary("Write a channel (operator role)");

        api.MapGet("/elements", Task<IResult> (HttpContext http) => As(http, auth, _ =>
            Results.Json(core.Machine.Elements.Select(e => ElementDto.From(e, core)), Json)))
            .Produces<IReadOnlyList<ElementDto>>().WithSummary("Every powered element with setpoint, readbacks, state and interlocks");

        api.MapPost("/elements/{name}/switch", (HttpContext http, string name, SwitchRequest r) => As(http, auth, who =>
            Forbidden(core, who, name, "switch supplies") ?? UnknownElement(core, [name]) ?? Outcome(core.Switch(who with { Confirmed = r.Confirm }, name, r.On))))
            .Produces<OutcomeDto>().Finds().Acts().WithSummary("Switch a supply on or off (confirm: true for the dangerous ones)");

        api.MapPost("/elements/{name}/reset", (HttpContext http, string name) => As(http, auth, who =>
            Forbidden(core, who, name, "reset interlocks") ?? UnknownElement(core, [name]) ?? Outcome(core.ResetInterlocks(who, name))))
            .Produces<OutcomeDto>().Finds().Acts().WithSummary("Reset a supply's latched interlocks");

        api.MapPost("/set", (HttpContext http, SetRequest r) => As(http, auth, async who =>
        {
            if (Forbidden(core, who, "set", "change the machine") is { } forbidden) return forbidden;
            if (r.Targets is not { Count: > 0 }) return Error(StatusCodes.Status400BadRequest, "targets: give at least one {element, value}");
            if (UnknownElement(core, r.Targets.Select(t => t.Element)) is { } unknown) return unknown;
            var targets = r.Targets.Select(t => (t.Element, t.Value)).ToList();
            var result = core.Set(who, targets, ParseUnits(r.Units), $"set {targets.Count} element(s)");
            return await WithArrival(core, result, r.Wait, r.Tolerance, r.TimeoutSeconds);
        })).Produces<OperationDto>().Finds().Acts().WithSummary("Set elements together (one synchronised ramp); wait=true waits for arrival");

        MapGroups(api, core, auth);
        MapRamps(api, core, auth);
    }

    private static void MapGroups(IEndpointRouteBuilder api, ControlCore core, ApiAuth auth)
    {
        api.MapGet("/groups", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(core.Groups.All, Json)))
            .Produces<IReadOnlyList<ElementGroup>>().WithSummary("Built-in and user groups with their members");
        api.MapPost("/groups", (HttpContext http, GroupDefinition g) => As(http, auth, who =>
        {
            if (Forbidden(core, who, $"group/{g.Name}", "define groups") is { } forbidden) return forbidden;
            var result = core.DefineGroup(who with { Origin = "http" }, g.Name, g.Members);
            return result.Applied ? Results.Json(core.Groups.Find(g.Name), Json) : Error(StatusCodes.Status400BadRequest, result.Message);
        })).Produces<ElementGroup>().ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Define (or redefine) a user group");
        api.MapDelete("/groups/{name}", (HttpContext http, string name) => As(http, auth, who =>
        {
            if (Forbidden(core, who, $"group/{name}", "delete groups") is { } forbidden) return forbidden;
            var result = core.DeleteGroup(who with { Origin = "http" }, name);
            return result.Applied ? Results.Json(new { deleted = name }, Json) : Error(StatusCodes.Status404NotFound, result.Message);
        })).Finds().ProducesProblem(StatusCodes.Status403Forbidden).WithSummary("Delete a user group");
        api.MapPost("/groups/{name}/apply", (HttpContext http, string name, GroupRequest r) => As(http, auth, async who =>
        {
            if (Forbidden(core, who, $"group/{name}", "change the machine") is { } forbidden) return forbidden;
            if (core.Groups.Find(name) is null) return Error(StatusCodes.Status404NotFound, $"no group '{name}'");
            var operation = r.Operation.ToLowerInvariant() switch
            {
                "set" => GroupOperation.Set,
                "increment" or "step" => GroupOperation.Increment,
                "scale" => GroupOperation.Scale,
                _ => throw new ArgumentException($"operation '{r.Operation}': use set, increment or scale"),
            };
            var result = core.Apply(who, name, operation, r.Value, ParseUnits(r.Units));
            return await WithArrival(core, result, r.Wait, r.Tolerance, r.TimeoutSeconds);
        })).Produces<OperationDto>().Finds().Acts().WithSummary("Set, increment or scale a group; wait=true waits for arrival");
    }

    private static void MapRamps(IEndpointRouteBuilder api, ControlCore core, ApiAuth auth)
    {
        api.MapGet("/ramps", Task<IResult> (HttpContext http) => As(http, auth, _ => Results.Json(core.Ramps.Select(RampDto.From), Json)))
            .Produces<IReadOnlyList<RampDto>>().WithSummary("Running and recent ramps");
        api.MapPost("/ramps/{id:long}/{action}", (HttpContext http, long id, string action) => As(http, auth, who =>
            Forbidden(core, who, $"ramp #{id}", "control ramps")
            ?? (action is not ("pause" or "resume" or "abort") ? Error(400, $"action '{action}': use pause, resume or abort") : null)
            ?? (core.FindRamp(id) is null ? Error(404, $"no ramp #{id}") : null)
            ?? Outcome(core.ControlRamp(who, id, action))))
            .Produces<OutcomeDto>().Finds().Acts().WithSummary("Pause, resume or abort a ramp");
    }

    internal static async Task<IResult> WithArrival(ControlCore core, OperationResult result, bool wait, double tolerance, double timeoutSeconds)
    {
        if (!result.Applied) return Error(result.Denied ? StatusCodes.Status403Forbidden : StatusCodes.Status409Conflict, result.Message);
        ArrivalReport? arrival = null;
        if (wait)
        {
            var ramp = core.FindRamp(result.RampId!.Value)!;
            arrival = await core.WaitForArrival([.. result.Items.Select(i => (i.Element, i.NewCurrent))], tolerance,
                ramp.Duration + TimeSpan.FromSeconds(timeoutSeconds));
        }
        return Results.Json(new OperationDto(true, result.Message, result.RampId, result.Items, arrival), Json);
    }
}
