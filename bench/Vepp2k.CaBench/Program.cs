using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Epics;

// The CA server the pyepics benchmark (bench/ca/ca_bench.py) measures: N writable ±300 A setpoints
// BENCH:PS<i>:I-SP like the softIoc reference database, served on loopback until stdin closes.
//   dotnet run -c Release --project bench/Vepp2k.CaBench -- <port> [pvs] [--raw]
// --raw also measures the server alone with a minimal C# client (no libca, no Python) and exits.
// --counters HZ also serves N counters BENCH:CNT<i> each incremented HZ times a second (the
// reference's monitor test: 100 counters at 100 Hz offer 10 000 updates/s).
int port = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5164;
int count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100;
bool raw = args.Contains("--raw");
var registry = new ChannelRegistry(TimeProvider.System);
for (int i = 0; i < count; i++)
{
    var channel = registry.Add(new ChannelSpec
    {
        Path = $"BENCH/PS{i}/I-SP", Units = "A", Precision = 3, DriveLow = -300, DriveHigh = 300, Access = ChannelAccess.ReadWrite,
        Alarms = new AlarmLimits(HiHi: 290, High: 250, Low: -250, LoLo: -290),
    }, ChannelValue.Of(0));
    channel.WriteHandler = (value, _) =>
    {
        channel.Post(value, DateTimeOffset.UtcNow);
        return WriteResult.Ok("posted");
    };
}
double hz = args.SkipWhile(a => a != "--counters").Skip(1).Select(a => double.Parse(a, CultureInfo.InvariantCulture)).FirstOrDefault();
var counters = hz > 0
    ? Enumerable.Range(0, count).Select(i => registry.Add(new ChannelSpec { Path = $"BENCH/CNT{i}" }, ChannelValue.Of(0))).ToArray()
    : [];
registry.Freeze();
using var stopCounters = new CancellationTokenSource();
var counting = hz > 0 ? Task.Run(async () =>
{
    // Ticks are counted from the start, so a late timer catches up instead of lowering the rate.
    var start = System.Diagnostics.Stopwatch.StartNew();
    long done = 0;
    using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(1));
    while (await timer.WaitForNextTickAsync(stopCounters.Token).ConfigureAwait(false))
    {
        long due = (long)(start.Elapsed.TotalSeconds * hz);
        for (; done < due; done++)
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var c in counters) c.Post(done + 1, now);
        }
    }
}) : Task.CompletedTask;
await using var server = new CaServer(registry, new CaServerOptions { Port = port, BeaconPort = port + 1 });
await server.StartAsync();
Console.WriteLine($"serving {count} PVs on 127.0.0.1:{server.Port}");
if (raw) Console.WriteLine(await RawClient.MeasureAsync(server.Port, count, TimeSpan.FromSeconds(3)));
else await Console.In.ReadToEndAsync();
await stopCounters.CancelAsync();
try { await counting; } catch (OperationCanceledException) { }
