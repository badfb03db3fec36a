using Microsoft.Extensions.Logging;
using Vepp2k.Vcas.Protocol;

namespace Vepp2k.Vcas;

public sealed partial class VcasServer
{
    // Slots go to clients that use them: a connection that says nothing, watches nothing and owns
    // nothing is the first to go when a newcomer arrives at a limit, and goes anyway after the
    // timeouts, so a thousand idle sockets cannot lock out a console or a CXv4 client.
    private Task _sweeping = Task.CompletedTask;

    /// <summary>Whether a newcomer from <paramref name="host"/> gets a slot, evicting an idle connection at a limit if it must.</summary>
    private bool Admit(string host)
    {
        var live = _sessions.Keys.Where(s => !s.Closing).ToList();
        var sameHost = live.Where(s => s.Host == host).ToList();
        if (sameHost.Count >= _options.MaxClientsPerHost)
        {
            if (!Evict(sameHost, $"{_options.MaxClientsPerHost} connections from {host}")) return false;
            live = [.. live.Where(s => !s.Closing)];
        }
        return live.Count < _options.MaxClients || Evict(live, $"{_options.MaxClients} connections");
    }

    private bool Evict(List<VcasSession> among, string limit)
    {
        long now = Environment.TickCount64;
        var victim = among.Where(s => Evictable(s, now)).MinBy(s => s.LastActivity);
        if (victim is null) return false;
        victim.Close(VcasFormat.Error(ErrorChannel, Now(), $"closed: at the limit of {limit} this idle connection made room for a new one"));
        // One line per 1000: a flood must not flood the log.
        if (Interlocked.Increment(ref _evicted) % 1000 == 1)
            _log.LogWarning("VCAS limit of {Limit} reached: closed the idle connection from {Remote} ({Count} so far)", limit, victim.Remote, _evicted);
        return true;
    }

    private bool Evictable(VcasSession s, long now) =>
        !s.Closing && s.SubscriptionCount == 0 && s.CreatedCount == 0 && now - s.LastActivity >= (s.Requested ? _options.RecentRequest.TotalMilliseconds : 0);

    private async Task SweepAsync(CancellationToken cancel)
    {
        var shortest = TimeSpan.FromTicks(Math.Min(_options.FirstRequestTimeout.Ticks, _options.IdleTimeout.Ticks));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(Math.Clamp(shortest.TotalMilliseconds / 4, 50, 1000)));
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                long now = Environment.TickCount64;
                foreach (var s in _sessions.Keys)
                {
                    if (s.Closing) continue;
                    if (!s.Requested && now - s.ConnectedAt >= _options.FirstRequestTimeout.TotalMilliseconds)
                        s.Close(VcasFormat.Error(ErrorChannel, Now(), $"closed: no request within {_options.FirstRequestTimeout.TotalSeconds:0.###} s of connecting"));
                    else if (s.SubscriptionCount == 0 && s.CreatedCount == 0 && now - s.LastActivity >= _options.IdleTimeout.TotalMilliseconds)
                        s.Close(VcasFormat.Error(ErrorChannel, Now(), $"closed: idle for {_options.IdleTimeout.TotalSeconds:0.###} s with no subscriptions"));
                }
            }
        }
        catch (OperationCanceledException) { }
    }
}
