using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas;

public sealed partial class VcasServer
{
    // Who watches which channel, by served name, and under which name each client asked for it (a CX
    // spelling gets its updates under that spelling): the shared hub, which also feeds it the
    // registry's updates; created and service channels are handed to the same watchers here.
    private readonly SubscriberHub<string, Watcher> _hub = new(StringComparer.Ordinal, u => u.Path,
        (w, u) => Offer(w, new Update(u.Path, u.Value, u.Time)));

    private readonly record struct Watcher(VcasSession Session, string AsName);

    private void Watch(VcasSession session, string asName, string path)
    {
        if (session.AddSubscription(asName, path)) _hub.Add(path, new Watcher(session, asName));
    }

    private void Unwatch(VcasSession session, string asName)
    {
        if (session.RemoveSubscription(asName) is not { } path) return;
        session.Outbox.Forget(asName);
        _hub.Remove(path, new Watcher(session, asName));
    }

    private void Unwatch(VcasSession session)
    {
        foreach (var name in session.Subscriptions()) Unwatch(session, name);
    }

    /// <summary>Offers a value to every client watching the channel; never waits for any of them.</summary>
    private void Fanout(Update update)
    {
        foreach (var w in _hub.Of(update.Name)) Offer(w, update);
    }

    private static void Offer(Watcher w, Update update) =>
        w.Session.Outbox.Offer(w.AsName == update.Name ? update : update with { Name = w.AsName });

    private void PublishClients() =>
        Fanout(new Update(ClientsChannel, ChannelValue.OfInteger(_sessions.Count), _registry.Time.GetUtcNow()));
}
