using System.Net;
using System.Net.Sockets;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>
/// Runs one TCP circuit: a reader that frames requests and hands them to the <see cref="CaCircuit"/>,
/// and a writer that sends the outbox in batches. When replies pile up (the client does not read),
/// the reader waits, so TCP flow control reaches the client; monitors keep only their latest value.
/// </summary>
internal sealed class CaConnection(Socket socket, ServerContext server)
{
    private readonly CancellationTokenSource _stop = new();

    // One writer at a time: the reader flushes its own replies at once when no write is under way
    // (saving a thread hop per request); the writer loop sends monitor updates and anything left.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly MessageBuffer _batch = new(64 * 1024);

    public CaCircuit? Circuit { get; private set; }

    public async Task RunAsync()
    {
        var cancel = _stop.Token;
        var peer = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        var outbox = new Outbox();
        var circuit = new CaCircuit(server, peer, outbox);
        Circuit = circuit;
        server.Circuits[circuit] = 0;
        await using var stream = new NetworkStream(socket, ownsSocket: true);
        var writer = WriteLoopAsync(stream, outbox, cancel);
        try
        {
            await ReadLoopAsync(stream, circuit, cancel).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // The client went away, broke the protocol, or its request failed unexpectedly: whatever it
            // was, only this circuit ends; the server and the other clients go on.
        }
        finally
        {
            server.Circuits.TryRemove(circuit, out _);
            circuit.Close();
            await _stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
        }
    }

    /// <summary>Sends what is queued (SERVER_DISCONN at shutdown) for a moment, then ends the circuit.</summary>
    public void StopAfter(TimeSpan grace) => _stop.CancelAfter(grace);

    private async Task ReadLoopAsync(NetworkStream stream, CaCircuit circuit, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        int filled = 0;
        while (true)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read = await stream.ReadAsync(buffer.AsMemory(filled), cancel).ConfigureAwait(false);
            if (read == 0) return;
            filled += read;
            int used = Frame(buffer.AsSpan(0, filled), circuit, server.Options.MaxPayload);
            Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
            filled -= used;
            if (_writing.Wait(0)) await SendAsync(stream, circuit.Outbox, cancel).ConfigureAwait(false);
            while (circuit.Outbox.PendingReplyBytes > server.Options.MaxPendingReplies)
                await circuit.Outbox.Drained.WaitAsync(cancel).ConfigureAwait(false);
        }
    }

    /// <summary>Hands every complete message to the circuit; returns the bytes consumed.</summary>
    public static int Frame(ReadOnlySpan<byte> data, CaCircuit circuit, int maxPayload)
    {
        int used = 0;
        while (CaHeader.TryRead(data[used..], out var header, out int headerSize))
        {
            if (header.PayloadSize > maxPayload) throw new CaProtocolException($"payload of {header.PayloadSize} bytes is over the limit");
            int size = headerSize + (int)header.PayloadSize;
            if (data.Length - used < size) break;
            circuit.Handle(header, data.Slice(used + headerSize, (int)header.PayloadSize));
            used += size;
        }
        return used;
    }

    /// <summary>Sends everything queued; the caller holds <see cref="_writing"/>, which this releases.</summary>
    private async Task SendAsync(NetworkStream stream, Outbox outbox, CancellationToken cancel)
    {
        try
        {
            _batch.Clear();
            outbox.TakeBatch(_batch);
            if (_batch.Length > 0) await stream.WriteAsync(_batch.Written, cancel).ConfigureAwait(false);
        }
        finally
        {
            _writing.Release();
        }
    }

    private async Task WriteLoopAsync(NetworkStream stream, Outbox outbox, CancellationToken cancel)
    {
        try
        {
            while (true)
            {
                await outbox.Ready.WaitAsync(cancel).ConfigureAwait(false);
                await _writing.WaitAsync(cancel).ConfigureAwait(false);
                await SendAsync(stream, outbox, cancel).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped or the client went away.
        }
        finally
        {
            // A reader waiting for replies to drain must not wait for a writer that is gone.
            await _stop.CancelAsync().ConfigureAwait(false);
        }
    }
}
