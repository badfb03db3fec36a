using System.Collections.Concurrent;
using Vepp2k.Control.Channels;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

public sealed partial class VcasServer
{
    // Channels clients create (access type "ex": the creator captures it, only it may set or free it,
    // everyone may read and subscribe; it goes when freed or when its creator disconnects). They let
    // a client program publish a result (a fit, a status) beside the control system's channels.
    private readonly ConcurrentDictionary<string, Created> _created = new(StringComparer.Ordinal);

    /// <summary>Longest name a client may create: its replies must fit a line with room for the value.</summary>
    public const int MaxCreatedNameBytes = 200;

    private sealed record Created(string Name, VcasSession Owner, string? Value, DateTimeOffset Time, string Description, string Units);

    private Served? ResolveCreated(string name) => _created.TryGetValue(name, out var c)
        ? new Served(CurrentOf(c), c.Description, "ex", c.Units, $"|host:{c.Owner.Host}|port:{c.Owner.Remote.Port}")
        : null;

    private static Update CurrentOf(Created c) => new(c.Name, ChannelValue.OfString(c.Value ?? "none"), c.Time);

    // A VCAS client has no identity but its address, so a created channel beside the machine's own
    // would let any viewer publish values CXv4 and the consoles show as the machine's: creating needs
    // a write role, and the machine's tree and the service channels stay the server's alone.
    private void Create(VcasSession session, VcasRequest r)
    {
        if (!session.Role.CanWrite())
            Error(session, r.Name, $"creating channels needs a write role; client '{session.User}' ({session.Role}) may not create");
        else if (ServedRoot(r.Name) is { } root)
            Error(session, r.Name, $"{r.Name} is under '{root}', which the control system serves; created channels must live elsewhere");
        else if (_created.TryGetValue(r.Name, out var existing))
        {
            if (existing.Owner != session) Captured(session, existing);
            else Publish(existing with
            {
                Value = r.Value ?? existing.Value, Time = _registry.Time.GetUtcNow(),
                Description = r.Description ?? existing.Description, Units = r.Units ?? existing.Units,
            });
        }
        else if (r.Name.AsSpan().IndexOfAny([',', ' ', '\t', VcasNames.Alias]) >= 0)
            Error(session, r.Name, $"a created channel's name may not hold ',', blanks (they would break {ChannelsListChannel}) or '{VcasNames.Alias}' (it stands for '.' in CXv4 names)");
        else if (LineFit.Bytes(r.Name) > MaxCreatedNameBytes)
            Error(session, r.Name, $"a created channel's name may be at most {MaxCreatedNameBytes} bytes, so that its lines fit");
        else if (session.CreatedCount >= _options.MaxCreatedPerClient)
            Error(session, r.Name, $"a client may create at most {_options.MaxCreatedPerClient} channels");
        else if (_created.TryAdd(r.Name, new Created(r.Name, session, r.Value, _registry.Time.GetUtcNow(), r.Description ?? "", r.Units ?? "")))
            session.CreatedCount++;
        else Error(session, r.Name, $"{r.Name} was just created by another client");
    }

    /// <summary>The root (first path segment) a name shares with a channel the server serves itself, compared case-insensitively against look-alikes.</summary>
    private string? ServedRoot(string name)
    {
        var root = name.Split('/', 2)[0];
        _servedRoots ??= new HashSet<string>(_registry.All.Select(c => c.Spec.Path.Split('/', 2)[0])
            .Concat([ChannelsListChannel, ClientsChannel, ErrorChannel]), StringComparer.OrdinalIgnoreCase);
        return _servedRoots.Contains(root) ? root : null;
    }

    // The registry is frozen before a server is built; the set is made on first use and never changes.
    private HashSet<string>? _servedRoots;

    private void SetCreated(VcasSession session, string name, string value)
    {
        if (!_created.TryGetValue(name, out var c)) NoSuchChannel(session, name);
        else if (c.Owner != session) Captured(session, c);
        else Publish(c with { Value = value, Time = _registry.Time.GetUtcNow() });
    }

    private void Free(VcasSession session, string name)
    {
        if (_created.TryGetValue(name, out var c))
        {
            if (c.Owner != session) Captured(session, c);
            else Remove(c);
        }
        else if (_registry.Find(name) is not null || name is ChannelsListChannel or ClientsChannel or ErrorChannel)
            Error(session, name, $"{name} is served by the control system and cannot be freed");
        else NoSuchChannel(session, name);
    }

    private void FreeAll(VcasSession session)
    {
        foreach (var c in _created.Values.Where(c => c.Owner == session)) Remove(c);
    }

    // Only the owner changes its channel, and one client's requests are handled one at a time.
    private void Publish(Created c)
    {
        _created[c.Name] = c;
        Fanout(CurrentOf(c));
    }

    private void Remove(Created c)
    {
        if (!_created.TryRemove(c.Name, out _)) return;
        c.Owner.CreatedCount--;
        Fanout(new Update(c.Name, ChannelValue.OfString("none"), _registry.Time.GetUtcNow()));
    }

    private void Captured(VcasSession session, Created c) =>
        Error(session, c.Name, $"{c.Name} is captured by {c.Owner.Host} port {c.Owner.Remote.Port} (type ex)");
}
