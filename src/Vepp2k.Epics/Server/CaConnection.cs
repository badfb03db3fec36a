using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Vepp2k.Epics.Protocol;

namespace Vepp2k.Epics.Server;

/// <summary>
/// Runs one TCP circuit with asynchronous socket I/O: a reader that frames requests and hands them
/// to the <see cref="CaCircuit"/>, and a writer that sends the outbox in batches. A quiet circuit
/// holds no thread and no receive buffer (it waits with a zero-byte receive), so thousands of idle
/// connections cost little memory. When replies pile up (the client does not read), the reader
/// waits, so TCP flow control reaches the client; monitors keep only their latest value.
/// </summary>
internal sealed class CaConnection
{
    /// <summary>The receive buffer rented while requests arrive; it grows for larger array writes.</summary>
    private const int ReadChunk = 16 * 1024;

    private readonly Socket _socket;
    private readonly ServerContext _server;
    private readonly CancellationTokenSource _stop = new();

    // One writer at a time: the reader sends its own replies at once when no write is under way
    // (saving a hop to the writer per request); the writer loop sends monitor updates and anything left.
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly MessageBuffer _batch = new(1024);
    private long _lastHeard;
    private volatile bool _spoken;

    public CaConnection(Socket socket, ServerContext server)
    {
        _socket = socket;
        _server = server;
        Peer = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (Peer.IsIPv4MappedToIPv6) Peer = Peer.MapToIPv4();
        Opened = _lastHeard = Environment.TickCount64;
    }

    /// <summary>The client's address (limits per host count by it).</summary>
    public IPAddress Peer { get; }

    /// <summary>When the circuit opened (<see cref="Environment.TickCount64"/>, ms).</summary>
    public long Opened { get; }

    /// <summary>When the client last sent anything (ms).</summary>
    public long LastHeard => Volatile.Read(ref _lastHeard);

    /// <summary>Whether the client has sent one complete CA message: a port scanner or a flood never does.</summary>
    public bool HasSpoken => _spoken;

    /// <summary>Channels the client holds now; a circuit with channels is never evicted to make room.</summary>
    public int ChannelCount => Circuit?.ChannelCount ?? 0;

    public CaCircuit? Circuit { get; private set; }

    /// <summary>Runs the circuit until the client leaves, the server stops or the circuit is closed.</summary>
    public async Task RunAsync()
    {
        var cancel = _stop.Token;
        var outbox = new Outbox();
        var circuit = new CaCircuit(_server, Peer, outbox);
        Circuit = circuit;
        _server.Circuits[circuit] = 0;
        // Closing the socket is what ends a receive, or a send to a client that does not read.
        using var closeOnStop = cancel.Register(_socket.Dispose);
        var writer = WriteLoopAsync(outbox, cancel);
        try
        {
            await ReadLoopAsync(circuit, cancel).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the circuit was closed here.
        }
        catch (CaProtocolException e)
        {
            _server.Log.LogInformation("CA circuit from {Peer} closed: {Reason}", Peer, e.Message);
        }
        catch (Exception e)
        {
            // Whatever failed, only this circuit ends; the server and the other clients go on.
            _server.Log.LogError(e, "CA circuit from {Peer} failed", Peer);
        }
        finally
        {
            _server.Circuits.TryRemove(circuit, out _);
            circuit.Close();
            await _stop.CancelAsync().ConfigureAwait(false);
            await writer.ConfigureAwait(false);
            _socket.Dispose();
        }
    }

    /// <summary>Sends what is queued (SERVER_DISCONN at shutdown) for a moment, then ends the circuit.</summary>
    public void StopAfter(TimeSpan grace) => _stop.CancelAfter(grace);

    /// <summary>Ends the circuit now (evicted or timed out): the socket closes, the client sees the circuit drop.</summary>
    public void Close() => _stop.Cancel();

    private async Task ReadLoopAsync(CaCircuit circuit, CancellationToken cancel)
    {
        byte[]? buffer = null;
        int filled = 0;
        try
        {
            while (true)
            {
                if (filled == 0 && buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = null;
                }
                if (buffer is null)
                {
                    // Between requests the circuit waits for data holding no buffer at all.
                    await _socket.ReceiveAsync(Memory<byte>.Empty, SocketFlags.None, cancel).ConfigureAwait(false);
                    buffer = ArrayPool<byte>.Shared.Rent(ReadChunk);
                }
                if (filled == buffer.Length) buffer = Grow(buffer, filled);
                int read = await _socket.ReceiveAsync(buffer.AsMemory(filled), SocketFlags.None, cancel).ConfigureAwait(false);
                if (read == 0) return;
                Volatile.Write(ref _lastHeard, Environment.TickCount64);
                filled += read;
                circuit.Outbox.ReaderFlushes = true;
                int used;
                try
                {
                    used = Frame(buffer.AsSpan(0, filled), circuit, _server.Options.MaxPayload);
                }
                finally
                {
                    circuit.Outbox.ReaderFlushes = false;
                }
                if (used > 0) _spoken = true;
                Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
                filled -= used;
                if (_writing.Wait(0)) await SendAsync(circuit.Outbox, cancel).ConfigureAwait(false);
                else circuit.Outbox.Ready.Set(); // the writer is busy: it sends these replies next
                while (circuit.Outbox.PendingReplyBytes > _server.Options.MaxPendingReplies)
                    await circuit.Outbox.Drained.WaitAsync(cancel).ConfigureAwait(false);
            }
        }
        finally
        {
            if (buffer is not null) ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Grow(byte[] buffer, int filled)
    {
        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
        Buffer.BlockCopy(buffer, 0, larger, 0, filled);
        ArrayPool<byte>.Shared.Return(buffer);
        return larger;
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
    private async Task SendAsync(Outbox outbox, CancellationToken cancel)
    {
        try
        {
            _batch.Clear();
            outbox.TakeBatch(_batch);
            var data = _batch.Written;
            while (data.Length > 0)
            {
                int sent = await _socket.SendAsync(data, SocketFlags.None, cancel).ConfigureAwait(false);
                data = data[sent..];
            }
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>Sends monitor updates, and replies the reader could not.</summary>
    private async Task WriteLoopAsync(Outbox outbox, CancellationToken cancel)
    {
        try
        {
            while (true)
            {
                await outbox.Ready.WaitAsync(cancel).ConfigureAwait(false);
                await _writing.WaitAsync(cancel).ConfigureAwait(false);
                await SendAsync(outbox, cancel).ConfigureAwait(false);
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
