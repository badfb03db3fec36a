using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Vepp2k.Control.History;

namespace Vepp2k.Web;

/// <summary>
/// Every error of the HTTP API as RFC 7807 problem details (application/problem+json with type,
/// title, status, detail and instance), whoever produces it: our handlers' refusals, exceptions
/// (malformed JSON, a wrong content type, bad arguments, storage failures) and empty error answers
/// of the framework (unknown routes, wrong methods). "detail" carries the human reason the CLI and
/// the console print.
/// </summary>
public static class ApiProblems
{
    public static void AddApiProblems(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Complete);
        services.AddExceptionHandler<ApiExceptionHandler>();
        // Without this a malformed body or query is answered 400/415 with an empty body and the reason only in the log.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
    }

    public static void UseApiProblems(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }

    /// <summary>An error answer with the human reason in "detail"; type and title follow from the status (RFC 9110).</summary>
    public static ProblemHttpResult Problem(int status, string detail) => TypedResults.Problem(detail, statusCode: status);

    private static void Complete(ProblemDetailsContext context)
    {
        var p = context.ProblemDetails;
        var request = context.HttpContext.Request;
        p.Detail ??= p.Status switch
        {
            StatusCodes.Status404NotFound => $"no endpoint {request.Method} {request.Path}",
            StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}",
            // Routing answers a body of the wrong type before any handler runs.
            StatusCodes.Status415UnsupportedMediaType => $"a body of type '{request.ContentType}' is not accepted here; send application/json",
            StatusCodes.Status500InternalServerError => "internal error; the server log has the details",
            _ => p.Title,
        };
        p.Instance ??= request.Path;
        // Transition: console views not yet reading "detail" (events.js, history.js) read "error"; drop it once they do.
        p.Extensions["error"] = p.Detail;
    }

    /// <summary>Maps the exceptions a request may end in to their status; anything else stays a 500.</summary>
    private sealed class ApiExceptionHandler : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancel)
        {
            (int status, string detail)? problem = exception switch
            {
                BadHttpRequestException b => (b.StatusCode, b.InnerException is { } inner ? $"{b.Message} {inner.Message}" : b.Message),
                KeyNotFoundException => (StatusCodes.Status404NotFound, exception.Message),
                ArgumentException or FormatException => (StatusCodes.Status400BadRequest, exception.Message),
                UnauthorizedAccessException => (StatusCodes.Status403Forbidden, exception.Message),
                StorageException => (StatusCodes.Status503ServiceUnavailable, "storage: " + exception.Message),
                _ => null,
            };
            if (problem is not { } p) return false;
            await Problem(p.status, p.detail).ExecuteAsync(http);
            return true;
        }
    }
}
