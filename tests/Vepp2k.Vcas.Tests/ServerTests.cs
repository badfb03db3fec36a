using Vepp2k.Control.History;
using Xunit.Abstractions;

namespace Vepp2k.Vcas.Tests;

/// <summary>The server against the independent Python client, over a running control system on a free loopback port.</summary>
[Collection(nameof(RunningSystem))]
public sealed class ServerTests(RunningSystem rig, ITestOutputHelper log)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    private async Task<string> Run(string scenario, VcasServerOptions? options = null, params string[] args)
    {
        await using var server = new VcasServer(rig.System.Registry, (options ?? new VcasServerOptions()) with { Port = 0 });
        await server.StartAsync();
        var output = await PythonClient.RunAsync(server.Port, scenario, Limit, args);
        log.WriteLine(output);
        return output;
    }

    private static VcasServerOptions Writable => new() { Writers = VcasWriteRule.Loopback(Role.Operator) };

    [Fact] public Task Get() => Run("get");

    [Fact] public Task GetFull() => Run("getfull");

    [Fact] public Task SetAllowedForLoopbackOperator() => Run("set-allowed", Writable);

    [Fact] public Task SetRefusedByDefault() => Run("set-refused");

    [Fact] public Task SubscribeSeesTheReadbackFollowASetThenRelease() => Run("subscribe", Writable);

    [Fact] public Task ChannelsListAndClients() => Run("channelslist");

    [Fact] public Task CreatedChannelsAreCapturedByTheirCreator() => Run("create", Writable);

    [Fact] public Task MalformedStreamsGetErrorsAndTheServerGoesOn() => Run("malformed");

    [Fact]
    public async Task TwoHundredConcurrentClients()
    {
        await using var server = new VcasServer(rig.System.Registry, new VcasServerOptions { Port = 0 });
        await server.StartAsync();
        log.WriteLine(await PythonClient.RunAsync(server.Port, "concurrent", Limit, "200"));
        Assert.Equal(0, server.FeedDropped);
    }

    [Fact]
    public async Task ASlowClientNeitherStallsOthersNorGrowsMemory()
    {
        await using var server = new VcasServer(rig.System.Registry, new VcasServerOptions { Port = 0 });
        await server.StartAsync();
        long heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var python = PythonClient.RunAsync(server.Port, "slow", Limit, "6");
        int maxPending = 0;
        long coalesced = 0, heapMax = 0;
        while (!python.IsCompleted)
        {
            foreach (var c in server.Clients())
            {
                maxPending = Math.Max(maxPending, c.Pending);
                coalesced = Math.Max(coalesced, c.Coalesced);
            }
            heapMax = Math.Max(heapMax, GC.GetTotalMemory(forceFullCollection: false));
            await Task.Delay(100);
        }
        log.WriteLine(await python);
        long heapAfter = GC.GetTotalMemory(forceFullCollection: true);
        log.WriteLine($"slow client: max pending {maxPending} lines for {rig.System.Registry.Count} channels, {coalesced} updates coalesced; " +
            $"heap {heapBefore / 1e6:F1} MB before, {heapMax / 1e6:F1} MB max, {heapAfter / 1e6:F1} MB after");
        // At most one update per channel plus the replies the 1 MiB budget lets through: each is a
        // ChannelsList page of at least 800 bytes (pages fill a line but for the longest name), so about 1300.
        Assert.InRange(maxPending, 1, rig.System.Registry.Count + (1 << 20) / 800 + 100);
        Assert.True(coalesced > 0, "the slow client's updates were never coalesced: the test did not make it slow");
        Assert.True(heapAfter - heapBefore < 64_000_000, $"heap grew by {(heapAfter - heapBefore) / 1e6:F1} MB");
    }
}
