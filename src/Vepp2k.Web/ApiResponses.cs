using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Vepp2k.Web;

/// <summary>
/// The error answers the OpenAPI document lists, as problem details (<see cref="ApiProblems"/>):
/// those any /api endpoint may give on the group, those only some give on the endpoint.
/// </summary>
public static class ApiResponses
{
    /// <summary>The /api group: bad input, not signed in and storage down can happen anywhere.</summary>
    public static RouteGroupBuilder MapApi(this IEndpointRouteBuilder app) =>
        app.MapGroup("/api")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    /// <summary>An endpoint that names a thing (channel, element, group, ramp, working set) that may not exist.</summary>
    public static RouteHandlerBuilder Finds(this RouteHandlerBuilder b) => b.ProducesProblem(StatusCodes.Status404NotFound);

    /// <summary>An endpoint that acts on the machine: a role may not be allowed, the machine may refuse.</summary>
    public static RouteHandlerBuilder Acts(this RouteHandlerBuilder b) =>
        b.ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status409Conflict);
}
