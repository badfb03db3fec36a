using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Epics;

// The CA server the pyepics benchmark (bench/ca/ca_bench.py) measures: N writable ±300 A setpoints
// BENCH:PS<i>:I-SP like the softIoc reference database, served on loopback until stdin closes.
//   dotnet run -c Release --project bench/Vepp2k.CaBench -- <port> [pvs] [--raw]
// --raw also measures the server alone with a minimal C# client (no libca, no Python) and exits.
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
registry.Freeze();
await using var server = new CaServer(registry, new CaServerOptions { Port = port, BeaconPort = port + 1 });
await server.StartAsync();
Console.WriteLine($"serving {count} PVs on 127.0.0.1:{server.Port}");
if (raw) Console.WriteLine(await RawClient.MeasureAsync(server.Port, count, TimeSpan.FromSeconds(3)));
else await Console.In.ReadToEndAsync();
