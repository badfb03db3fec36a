namespace Vepp2k.Vcas.Protocol;

/// <summary>The VCAS methods; each accepts the aliases the facility's clients send (see <see cref="VcasParser"/>).</summary>
public enum VcasMethod { Get, GetFull, Set, Subscribe, Release, Create, Free }

/// <summary>
/// One parsed request line. <see cref="Value"/> is the trimmed <c>val</c> field (null when absent or
/// <c>none</c>); <see cref="Description"/> and <see cref="Units"/> are only meaningful for <c>create</c>.
/// </summary>
public sealed record VcasRequest(VcasMethod Method, string Name, string? Value = null, string? Description = null, string? Units = null);

/// <summary>
/// The outcome of parsing one line: a request, or the reason it is not one. <see cref="Name"/> is the
/// channel the line named, when it named one, so the error reply can go to that channel.
/// </summary>
public readonly record struct VcasParse(VcasRequest? Request, string? Error, string? Name)
{
    public bool IsOk => Request is not null;

    public static VcasParse Ok(VcasRequest request) => new(request, null, request.Name);

    public static VcasParse Fail(string error, string? name = null) => new(null, error, name);
}
