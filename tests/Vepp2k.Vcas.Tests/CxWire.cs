using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;

namespace Vepp2k.Vcas.Tests;

/// <summary>What the CXv4 VCAS plugin makes of one line it receives for a channel it subscribed to.</summary>
public enum CxOutcome { Ignored, NotFound, Value }

/// <summary>
/// The facility's CXv4 client (<c>4cx/src/lib/cda/cda_d_vcas.c</c> with <c>fdiolib.c</c>, rogovsky/CXv4) as
/// an oracle, rewritten here from the facts of that code, not from our server:
/// <list type="bullet">
/// <item>requests: <c>name:N|method:subscr\n</c>, <c>name:N||method:set|val:V\n</c>, V printed with
/// <c>%f</c> for doubles (<c>1.000000</c>) and <c>%d</c> for integers; N is the CX name with every '.' turned
/// into '/'.</item>
/// <item>receiving: a line ends at '\n', '\r' or '\0'; 1024 or more bytes before the end drop the connection
/// (<c>FDIO_R_INPKT2BIG</c>, reconnect a second later).</item>
/// <item>a line is pairs split at '|', each at its first ':'; a piece without ':' voids the line; keys
/// (case-insensitive) <c>name|n</c>, <c>val|value|v</c>, <c>time</c>, <c>descr</c>, <c>units</c>; without name
/// or val, or with a name it did not subscribe to exactly, the line is ignored.</item>
/// <item><c>val:error</c> marks the channel not found only when descr ends with <c>" not found"</c>, otherwise
/// it is ignored; <c>val:none</c> is ignored (the old value stays); anything else is decoded with
/// <c>strtod</c> (double channels) and ignored unless strtod consumes the whole text.</item>
/// </list>
/// </summary>
public static class CxWire
{
    /// <summary>The CX receive buffer: a line must end before this many bytes.</summary>
    public const int ReceiveBuffer = 1024;

    public static byte[] Subscribe(string name) => Encoding.UTF8.GetBytes($"name:{name}|method:subscr\n");

    public static byte[] SetDouble(string name, double value) =>
        Encoding.UTF8.GetBytes($"name:{name}||method:set|val:{value.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}\n");

    public static byte[] SetInt(string name, int value) => Encoding.UTF8.GetBytes($"name:{name}||method:set|val:{value}\n");

    /// <summary>The VCAS name the plugin sends for a CX channel name (the part after <c>host:N.</c>).</summary>
    public static string NameOf(string cxName) => cxName.Replace('.', '/');

    /// <summary>What the plugin does with a received line (terminator removed) for a double channel it subscribed to as <paramref name="name"/>.</summary>
    public static (CxOutcome Outcome, double Value) Interpret(string line, string name)
    {
        string? n = null, val = null, descr = null;
        var p = line.TrimStart();
        if (p.Length == 0) return (CxOutcome.Ignored, 0);
        while (p.Length > 0)
        {
            int colon = p.IndexOf(':');
            if (colon < 0) return (CxOutcome.Ignored, 0);
            var key = p[..colon];
            var rest = p[(colon + 1)..];
            int pipe = rest.IndexOf('|');
            var value = pipe < 0 ? rest : rest[..pipe];
            switch (key.ToLowerInvariant())
            {
                case "name" or "n": n = value; break;
                case "val" or "value" or "v": val = value; break;
                case "descr": descr = value; break;
            }
            p = pipe < 0 ? "" : rest[(pipe + 1)..];
        }
        if (n is null || val is null || n != name) return (CxOutcome.Ignored, 0);
        if (val.Equals("error", StringComparison.OrdinalIgnoreCase))
            return descr is not null && descr.EndsWith(" not found", StringComparison.Ordinal) ? (CxOutcome.NotFound, 0) : (CxOutcome.Ignored, 0);
        if (val.Equals("none", StringComparison.OrdinalIgnoreCase)) return (CxOutcome.Ignored, 0);
        return StrtodWhole(val) is { } d ? (CxOutcome.Value, d) : (CxOutcome.Ignored, 0);
    }

    /// <summary>The C library's own strtod, as the plugin calls it: the value, or null when it does not consume the whole text.</summary>
    public static double? StrtodWhole(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text + "\0");
        var handle = GCHandle.Alloc(bytes, GCHandleType.Pinned);
        try
        {
            var start = handle.AddrOfPinnedObject();
            double d = Strtod(start, out var end);
            return (long)end - (long)start == bytes.Length - 1 ? d : null;
        }
        finally { handle.Free(); }
    }

    [DllImport("libc", EntryPoint = "strtod")]
    private static extern double Strtod(IntPtr text, out IntPtr end);
}

/// <summary>
/// A TCP client that sends exact bytes and receives lines the way the CX plugin's fdiolib does (ends at
/// '\n', '\r' or '\0'); every line it takes is checked against the 1024-byte receive buffer.
/// </summary>
public sealed class CxConnection : IDisposable
{
    private readonly Socket _socket;
    private readonly List<byte> _pending = [];
    private readonly byte[] _buffer = new byte[4096];

    private CxConnection(Socket socket) => _socket = socket;

    public static async Task<CxConnection> OpenAsync(int port, string host = "127.0.0.1")
    {
        var s = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await s.ConnectAsync(host, port);
        return new CxConnection(s);
    }

    public Task SendAsync(byte[] bytes) => _socket.SendAsync(bytes);

    public Task SendAsync(string text) => SendAsync(Encoding.UTF8.GetBytes(text));

    /// <summary>The next non-empty line, or null when the server closed the connection.</summary>
    public async Task<string?> LineAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (true)
        {
            int end = _pending.FindIndex(b => b is (byte)'\n' or (byte)'\r' or 0);
            if (end >= 0)
            {
                Assert.True(end < CxWire.ReceiveBuffer, $"a {end}-byte line: CXv4 drops the connection at {CxWire.ReceiveBuffer}");
                var line = Encoding.UTF8.GetString([.. _pending.GetRange(0, end)]);
                _pending.RemoveRange(0, end + 1);
                if (line.Length > 0) return line;
                continue;
            }
            Assert.True(_pending.Count < CxWire.ReceiveBuffer, $"{_pending.Count} bytes without a line end: CXv4 drops the connection");
            int n = await _socket.ReceiveAsync(_buffer, cancel.Token);
            if (n == 0) return null;
            _pending.AddRange(_buffer.AsSpan(0, n));
        }
    }

    /// <summary>Lines until one the plugin would act on for <paramref name="name"/> (a value or not-found); ignored ones are returned too.</summary>
    public async Task<(CxOutcome Outcome, double Value, string Line, List<string> Ignored)> OutcomeAsync(string name, TimeSpan timeout)
    {
        var ignored = new List<string>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            Assert.True(left > TimeSpan.Zero, $"nothing the CX client acts on for {name} within {timeout}; ignored: {string.Join(" / ", ignored)}");
            var line = await LineAsync(left) ?? throw new Xunit.Sdk.XunitException($"server closed the connection; ignored: {string.Join(" / ", ignored)}");
            var (outcome, value) = CxWire.Interpret(line, name);
            if (outcome != CxOutcome.Ignored) return (outcome, value, line, ignored);
            ignored.Add(line);
        }
    }

    public void Dispose() => _socket.Dispose();
}

/// <summary>A reply line as a generic VCAS client reads it: pairs split at '|', each at its first ':'.</summary>
public static class VcasLine
{
    public static Dictionary<string, string> Parse(string line) => line.Split('|')
        .Where(pair => pair.Contains(':'))
        .Select(pair => pair.Split(':', 2))
        .GroupBy(kv => kv[0]).ToDictionary(g => g.Key, g => g.First()[1]);
}
