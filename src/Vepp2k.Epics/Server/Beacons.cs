using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>
/// RSRV_IS_UP beacons: clients (through their repeater) see a new or restarted server and search
/// again at once instead of waiting for their backed-off search timer. The period starts at 20 ms
/// and doubles up to the configured maximum (15 s by default), as an IOC does.
/// </summary>
internal static class Beacons
{
    public static async Task RunAsync(ServerContext server, CancellationToken cancel)
    {
        var options = server.Options;
        var targets = (options.BeaconAddresses ?? DefaultTargets(options.Bind))
            .Select(a => new IPEndPoint(a, options.BeaconPort)).ToList();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        uint serverAddress = options.Bind.AddressFamily == AddressFamily.InterNetwork && !options.Bind.Equals(IPAddress.Any)
            ? BinaryPrimitives.ReadUInt32BigEndian(options.Bind.GetAddressBytes())
            : 0;
        var period = TimeSpan.FromMilliseconds(20);
        var buffer = new MessageBuffer(Ca.HeaderSize);
        for (uint id = 0; !cancel.IsCancellationRequested; id++)
        {
            buffer.Clear();
            buffer.Add(CaHeader.Of(CaCommand.Beacon, 0, Ca.MinorVersion, server.TcpPort, id, serverAddress));
            foreach (var target in targets)
            {
                try
                {
                    await socket.SendToAsync(buffer.Written, SocketFlags.None, target, cancel).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    // Nobody listening (no repeater) or no route: beacons are a hint, keep going.
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
            try
            {
                await Task.Delay(period, cancel).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            period = TimeSpan.FromTicks(Math.Min(period.Ticks * 2, options.BeaconPeriod.Ticks));
        }
    }

    private static IReadOnlyList<IPAddress> DefaultTargets(IPAddress bind) =>
        IPAddress.IsLoopback(bind) ? [IPAddress.Loopback] : [IPAddress.Broadcast];
}
