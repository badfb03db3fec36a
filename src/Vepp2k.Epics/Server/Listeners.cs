using System.Net;
using System.Net.Sockets;

namespace Vepp2k.Epics.Server;

/// <summary>Opens the TCP listener and the UDP search socket on the same port, as CA clients expect.</summary>
internal static class Listeners
{
    public static (Socket Tcp, Socket Udp) Open(CaServerOptions options)
    {
        // With port 0 the TCP port is chosen first; its UDP twin may be taken, so try a few.
        for (int attempt = 0; ; attempt++)
        {
            var tcp = new Socket(options.Bind.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                // A restarted server must get its port back while old circuits linger in TIME_WAIT.
                tcp.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
                tcp.Bind(new IPEndPoint(options.Bind, options.Port));
                tcp.Listen(512);
                int port = ((IPEndPoint)tcp.LocalEndPoint!).Port;
                var udp = new Socket(options.Bind.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
                try
                {
                    udp.Bind(new IPEndPoint(options.Bind, port));
                    return (tcp, udp);
                }
                catch (SocketException) when (options.Port == 0 && attempt < 20)
                {
                    udp.Dispose();
                    tcp.Dispose();
                }
                catch
                {
                    udp.Dispose();
                    throw;
                }
            }
            catch (SocketException) when (options.Port == 0 && attempt < 20)
            {
                tcp.Dispose();
            }
            catch
            {
                tcp.Dispose();
                throw;
            }
        }
    }
}
