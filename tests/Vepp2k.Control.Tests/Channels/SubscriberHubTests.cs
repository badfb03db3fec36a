using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Vepp2k.Control.Channels;

namespace Vepp2k.Control.Tests.Channels;

/// <summary>
/// The fan-out every server uses (CA monitors, VCAS subscriptions, web sockets): updates reach the
/// watchers of their channel and nobody else, a slow subscriber holds one pending update per channel
/// (the latest), and a subscriber whose delivery throws does not stop the others.
/// </summary>
public class SubscriberHubTests
{
    [Fact]
    public void Pending_updates_keep_only_the_latest_per_key_and_count_what_they_replaced()
    {
        var pending = new PendingUpdates<string, int>(StringComparer.Ordinal);
        var queued = new List<string>();
        for (int i = 0; i < 1000; i++)
            if (pending.Offer($"k{i % 3}", i)) queued.Add($"k{i % 3}");
        Assert.Equal(["k0", "k1", "k2"], queued);
        Assert.Equal(3, pending.Count);
        Assert.Equal(997, pending.Coalesced);
        Assert.True(pending.TryTake("k0", out int latest));
        Assert.Equal(999, latest);
        pending.Forget("k1");
        Assert.False(pending.TryTake("k1", out _));
        var rest = new List<int>();
        pending.TakeAll(rest);
        Assert.Equal([998], rest);
        Assert.Equal(0, pending.Count);
    }

    [Fact]
    public async Task Updates_reach_the_watchers_of_their_channel_even_when_another_delivery_throws()
    {
        var registry = new ChannelRegistry(TimeProvider.System);
        var a = registry.Add(new ChannelSpec { Path = "T/a" }, ChannelValue.Of(0));
        var b = registry.Add(new ChannelSpec { Path = "T/b" }, ChannelValue.Of(0));
        var seen = new ConcurrentQueue<(string Who, string Path, double Value)>();
        using var hub = new SubscriberHub<string, string>(StringComparer.Ordinal, u => u.Path, (who, u) =>
        {
            if (who == "faulty") throw new InvalidOperationException("a server bug");
            seen.Enqueue((who, u.Path, u.Value.Number));
        });
        hub.Add("T/a", "faulty");
        hub.Add("T/a", "first");
        hub.Add("T/b", "second");
        hub.Start(registry, UpdateMask.Value, NullLogger.Instance);

        for (int i = 1; i <= 5; i++)
        {
            a.Post(i, DateTimeOffset.UtcNow);
            b.Post(10 * i, DateTimeOffset.UtcNow);
        }
        await Until(() => seen.Count >= 10);
        Assert.Equal([1.0, 2, 3, 4, 5], seen.Where(s => s.Who == "first").Select(s => s.Value));
        Assert.All(seen.Where(s => s.Who == "first"), s => Assert.Equal("T/a", s.Path));
        Assert.Equal([10.0, 20, 30, 40, 50], seen.Where(s => s.Who == "second").Select(s => s.Value));
        Assert.Equal(5, hub.Failed);

        // Unwatched: nothing more for it, and the hub stops taking the channel's updates.
        hub.Remove("T/b", "second");
        Assert.False(hub.Watches("T/b"));
        b.Post(99, DateTimeOffset.UtcNow);
        a.Post(6, DateTimeOffset.UtcNow);
        await Until(() => seen.Count >= 11);
        Assert.DoesNotContain(seen, s => s.Value == 99);
        Assert.Equal(0, hub.Dropped);
    }

    private static async Task Until(Func<bool> condition)
    {
        for (var start = DateTime.UtcNow; !condition(); await Task.Delay(5))
            if (DateTime.UtcNow - start > TimeSpan.FromSeconds(10)) throw new TimeoutException("the hub did not deliver");
    }
}
