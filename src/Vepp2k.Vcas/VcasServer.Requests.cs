using Vepp2k.Control.Channels;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

public sealed partial class VcasServer
{
    /// <summary>Service channel: every channel name, comma-separated.</summary>
    public const string ChannelsListChannel = "ChannelsList";

    /// <summary>Service channel: the number of connected clients (subscribable).</summary>
    public const string ClientsChannel = "Clients";

    /// <summary>Service channel: the last error this client was sent; errors themselves arrive as <c>val:error</c> replies.</summary>
    public const string ErrorChannel = "error";

    // A channel as VCAS shows it: current value (under the name the client asked for) and the getfull
    // fields; Path is the served name updates are published under.
    private sealed record Served(Update Current, string Description, string Type, string Units, string Extra = "")
    {
        public string Path { get; init; } = Current.Name;
    }

    internal void Handle(VcasSession session, FramedLine line)
    {
        if (line.TooLong)
        {
            Error(session, ErrorChannel, $"line longer than {_options.MaxLineBytes} bytes, skipped");
            return;
        }
        if (string.IsNullOrWhiteSpace(line.Text)) return; // keep-alive
        var parse = VcasParser.Parse(line.Text, _options.MaxLineBytes);
        if (parse.Request is not { } r)
        {
            Error(session, parse.Name ?? ErrorChannel, parse.Error!);
            return;
        }
        switch (r.Method)
        {
            case VcasMethod.Get or VcasMethod.GetFull:
                if (Resolve(session, r.Name) is { } s) session.Outbox.Reply(Format(s, full: r.Method == VcasMethod.GetFull));
                else NoSuchChannel(session, r.Name);
                break;
            case VcasMethod.Subscribe:
                if (Resolve(session, r.Name) is { } current)
                {
                    Watch(session, r.Name, current.Path);
                    session.Outbox.Offer(current.Current); // the present value first, then the changes
                }
                else NoSuchChannel(session, r.Name);
                break;
            case VcasMethod.Release:
                Unwatch(session, r.Name);
                break;
            case VcasMethod.Set:
                Set(session, r.Name, r.Value!);
                break;
            case VcasMethod.Create:
                Create(session, r);
                break;
            case VcasMethod.Free:
                Free(session, r.Name);
                break;
        }
    }

    // The name as given first; a CX spelling ('~' for '.') only when nothing is served under it.
    private Served? Resolve(VcasSession session, string name) =>
        ResolveServed(session, name) ?? (VcasNames.Path(name) is var path && path != name && ResolveServed(session, path) is { } s
            ? s with { Current = s.Current with { Name = name } }
            : null);

    private Served? ResolveServed(VcasSession session, string name)
    {
        var now = _registry.Time.GetUtcNow();
        if (_registry.Find(name) is { } c)
        {
            var snap = c.Snapshot();
            var spec = c.Spec;
            return new Served(new Update(name, snap.Value, snap.Time), spec.Description,
                spec.Access == ChannelAccess.ReadWrite ? "rw" : "ro", spec.Units);
        }
        return name switch
        {
            ChannelsListChannel => ChannelsListPage(name, 1, now),
            ClientsChannel => new Served(new Update(name, ChannelValue.OfInteger(_sessions.Count), now), "connected VCAS clients", "ro", ""),
            ErrorChannel => new Served(new Update(name, ChannelValue.OfString(session.LastError ?? "none"), now), "the last error sent to this client", "ro", ""),
            _ when ChannelsListPages.PageOf(name) is { } page => ChannelsListPage(name, page, now),
            _ => ResolveCreated(name),
        };
    }

    private Served? ChannelsListPage(string name, int page, DateTimeOffset now)
    {
        var pages = ChannelsListPages.Split(_registry.All.Select(c => c.Spec.Path).Concat(_created.Keys.Order(StringComparer.Ordinal)));
        return page <= pages.Count
            ? new Served(new Update(name, ChannelValue.OfString(pages[page - 1]), now), $"channel names, comma-separated, page {page} of {pages.Count}", "ro", "")
            : null;
    }

    private string Format(Served s, bool full)
    {
        var (name, time, value) = (s.Current.Name, VcasFormat.Time(s.Current.Time, _options.TimeZone), VcasFormat.Value(s.Current.Value));
        return full ? VcasFormat.Full(name, time, value, s.Description, s.Type, s.Units, s.Extra) : VcasFormat.Reply(name, time, value);
    }

    private void Set(VcasSession session, string name, string text)
    {
        if ((_registry.Find(name) ?? _registry.Find(VcasNames.Path(name))) is { } c)
        {
            if (!ValueText.TryParse(c.Spec, text, out var value, out var error))
                Error(session, name, error);
            else if (Write(c, value, session) is { Applied: false } refused)
                Error(session, name, refused.Message);
        }
        else if (name is ChannelsListChannel or ClientsChannel or ErrorChannel || ChannelsListPages.PageOf(name) is not null)
            Error(session, name, $"{name} is a read-only service channel");
        else SetCreated(session, name, text);
    }

    // A handler that throws on a value it cannot take answers this client; it must not end the session.
    private static WriteResult Write(Channel c, ChannelValue value, VcasSession session)
    {
        try { return c.Write(value, new WriteContext(session.User, session.Role, "vcas")); }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            return WriteResult.Refused($"{c.Spec.Path}: {e.Message}");
        }
    }

    // CXv4 (cda_d_vcas.c) marks a channel not found only when the error's descr ends with " not found";
    // any other error text it ignores, leaving the knob waiting forever.
    private void NoSuchChannel(VcasSession session, string name) =>
        Error(session, name, $"channel '{VcasParser.Clip(name)}' ({ChannelsListChannel} lists them) not found");

    private void Error(VcasSession session, string name, string reason)
    {
        session.LastError = reason;
        session.Outbox.Reply(VcasFormat.Error(name, Now(), reason));
    }
}
