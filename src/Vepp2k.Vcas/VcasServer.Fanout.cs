using System.Collections.Concurrent;
using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas;

public sealed partial class VcasServer
{
    // Who watches which channel: read lock-free on the publishing thread (the feed filter) and by
    // the dispatcher; changed copy-on-write under _watchGate.
    private readonly ConcurrentDictionary<string, VcasSession[]> _watchers = new(StringComparer.Ordinal);
    private readonly Lock _watchGate = new();
    private readonly ChannelSubscription _feed;
    private Task _dispatching = Task.CompletedTask;

    private void Watch(VcasSession session, string name)
    {
        if (!session.AddSubscription(name)) return;
        lock (_watchGate) _watchers[name] = [.. _watchers.GetValueOrDefault(name) ?? [], session];
    }

    private void Unwatch(VcasSession session, string name)
    {
        if (!session.RemoveSubscription(name)) return;
        session.Outbox.Forget(name);
        lock (_watchGate)
        {
            var left = (_watchers.GetValueOrDefault(name) ?? []).Where(s => s != session).ToArray();
            if (left.Length == 0) _watchers.TryRemove(name, out _);
            else _watchers[name] = left;
        }
    }

    private void Unwatch(VcasSession session)
    {
        foreach (var name in session.Subscriptions()) Unwatch(session, name);
    }

    /// <summary>Offers a value to every client watching the channel; never waits for any of them.</summary>
    private void Fanout(Update update)
    {
        if (_watchers.TryGetValue(update.Name, out var sessions))
            foreach (var s in sessions) s.Outbox.Offer(update);
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
