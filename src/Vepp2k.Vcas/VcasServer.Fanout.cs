using System.Collections.Concurrent;
using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas;

public sealed partial class VcasServer
{
    // Who watches which channel, by served name, and under which name each client asked for it (a CX
    // spelling gets its updates under that spelling): read lock-free on the publishing thread (the
    // feed filter) and by the dispatcher; changed copy-on-write under _watchGate.
    private readonly ConcurrentDictionary<string, Watcher[]> _watchers = new(StringComparer.Ordinal);

    private readonly record struct Watcher(VcasSession Session, string AsName);
    private readonly Lock _watchGate = new();
    private readonly ChannelSubscription _feed;
    private Task _dispatching = Task.CompletedTask;

    private void Watch(VcasSession session, string asName, string path)
    {
        if (!session.AddSubscription(asName, path)) return;
        lock (_watchGate) _watchers[path] = [.. _watchers.GetValueOrDefault(path) ?? [], new Watcher(session, asName)];
    }

    private void Unwatch(VcasSession session, string asName)
    {
        if (session.RemoveSubscription(asName) is not { } path) return;
        session.Outbox.Forget(asName);
        lock (_watchGate)
        {
            var left = (_watchers.GetValueOrDefault(path) ?? []).Where(w => w != new Watcher(session, asName)).ToArray();
            if (left.Length == 0) _watchers.TryRemove(path, out _);
            else _watchers[path] = left;
        }
    }

    private void Unwatch(VcasSession session)
    {
        foreach (var name in session.Subscriptions()) Unwatch(session, name);
    }

    /// <summary>Offers a value to every client watching the channel; never waits for any of them.</summary>
    private void Fanout(Update update)
    {
        if (_watchers.TryGetValue(update.Name, out var watchers))
            foreach (var w in watchers) w.Session.Outbox.Offer(w.AsName == update.Name ? update : update with { Name = w.AsName });
    }

    private async Task DispatchAsync(CancellationToken cancel)
    {
        try
        {
            await foreach (var u in _feed.Reader.ReadAllAsync(cancel))
                Fanout(new Update(u.Path, u.Value, u.Time));
        }
        catch (OperationCanceledException) { }
    }

    private void PublishClients() =>
        Fanout(new Update(ClientsChannel, ChannelValue.OfInteger(_sessions.Count), _registry.Time.GetUtcNow()));
}
