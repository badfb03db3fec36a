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

    /// <summary>
    /// Runs the circuit until the client leaves or the server stops. Like an IOC's rsrv, a circuit has
    /// two threads of its own doing blocking socket I/O: the reader wakes straight from the socket
    /// and sends its replies itself (no thread-pool hop on a round trip); the writer sends monitor
    /// updates. Blocking I/O also keeps the socket out of .NET's emulated non-blocking mode.
    /// </summary>
    public Task RunAsync()
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Start(() =>
        {
            try
            {
                Run();
            }
            finally
            {
                done.SetResult();
            }
        }, "CA circuit reader");
        return done.Task;
    }

    private static Thread Start(Action body, string name)
    {
        var thread = new Thread(() => body(), 256 * 1024) { IsBackground = true, Name = name };
        thread.Start();
        return thread;
    }

    private void Run()
    {
        var cancel = _stop.Token;
        var peer = (socket.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        var outbox = new Outbox();
        var circuit = new CaCircuit(server, peer, outbox);
        Circuit = circuit;
        server.Circuits[circuit] = 0;
        using var stream = new NetworkStream(socket, ownsSocket: true);
        // Closing the socket is what unblocks a reader waiting in Receive or a Send to a client that does not read.
        using var closeOnStop = cancel.Register(stream.Dispose);
        var writer = Start(() => WriteLoop(stream, outbox, cancel), "CA circuit writer");
        try
        {
            ReadLoop(stream, circuit, new ClientCpu(peer), cancel);
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
            _stop.Cancel();
            writer.Join();
        }
    }

    /// <summary>Sends what is queued (SERVER_DISCONN at shutdown) for a moment, then ends the circuit.</summary>
    public void StopAfter(TimeSpan grace) => _stop.CancelAfter(grace);

    private void ReadLoop(NetworkStream stream, CaCircuit circuit, ClientCpu cpu, CancellationToken cancel)
    {
        var buffer = new byte[16 * 1024];
        int filled = 0;
        for (int reads = 0; ; reads = (reads + 1) % FollowEvery)
        {
            if (filled == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
            int read;
            cpu.Pin();
            try
            {
                read = stream.Read(buffer, filled, buffer.Length - filled);
            }
            finally
            {
                cpu.Unpin();
            }
            if (read == 0) return;
            // The client's threads move rarely, and asking costs a system call.
            if (reads == 0) cpu.Follow(stream.Socket);
            filled += read;
            circuit.Outbox.ReaderFlushes = true;
            int used;
            try
            {
                used = Frame(buffer.AsSpan(0, filled), circuit, server.Options.MaxPayload);
            }
            finally
            {
                circuit.Outbox.ReaderFlushes = false;
            }
            Buffer.BlockCopy(buffer, used, buffer, 0, filled - used);
            filled -= used;
            cpu.Handled(answered: circuit.Outbox.PendingReplyBytes > 0);
            if (_writing.Wait(0)) Send(stream, circuit.Outbox);
            else circuit.Outbox.Ready.Set(); // the writer is busy: it sends these replies next
            while (circuit.Outbox.PendingReplyBytes > server.Options.MaxPendingReplies)
                circuit.Outbox.Drained.Wait(cancel);
        }
    }

    /// <summary>Reads between two looks at which CPU the client's packets arrive on.</summary>
    private const int FollowEvery = 64;

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

    /// <summary>Sends everything queued, blocking; the caller holds <see cref="_writing"/>, which this releases.</summary>
    private void Send(NetworkStream stream, Outbox outbox)
    {
        try
        {
            _batch.Clear();
            outbox.TakeBatch(_batch);
            if (_batch.Length > 0) stream.Write(_batch.Written.Span);
        }
        finally
        {
            _writing.Release();
        }
    }

    /// <summary>The second thread of the circuit: sends monitor updates, and replies the reader could not.</summary>
    private void WriteLoop(NetworkStream stream, Outbox outbox, CancellationToken cancel)
    {
        try
        {
            while (true)
            {
                outbox.Ready.Wait(cancel);
                _writing.Wait(cancel);
                Send(stream, outbox);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Stopped or the client went away.
        }
        finally
        {
            // A reader waiting for replies to drain must not wait for a writer that is gone.
            _stop.Cancel();
        }
    }
}
