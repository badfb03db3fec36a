using System.Buffers.Binary;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

/// <summary>
/// The server's own speed, without libca or Python: one circuit opens the PVs, then does sequential
/// READ_NOTIFY round trips (DBR_DOUBLE), then batches of one request per PV in a single write.
/// </summary>
internal static class RawClient
{
    public static async Task<string> MeasureAsync(int port, int pvs, TimeSpan budget)
    {
        using var tcp = new TcpClient { NoDelay = true };
        await tcp.ConnectAsync(IPAddress.Loopback, port);
        var stream = tcp.GetStream();
        var sids = new uint[pvs];
        for (int i = 0; i < pvs; i++)
        {
            await stream.WriteAsync(Message(18, 0, 0, (uint)i, 13, Encoding.ASCII.GetBytes($"BENCH:PS{i}:I-SP\0")));
            sids[i] = await ExpectAsync(stream, 18);
        }
        double sequential = await RateAsync(budget, async () =>
        {
            foreach (uint sid in sids)
            {
                await stream.WriteAsync(Message(15, 6, 1, sid, 1, []));
                await ExpectAsync(stream, 15);
            }
            return pvs;
        });
        var batch = sids.SelectMany(sid => Message(15, 6, 1, sid, 2, [])).ToArray();
        double batched = await RateAsync(budget, async () =>
        {
            await stream.WriteAsync(batch);
            for (int i = 0; i < pvs; i++) await ExpectAsync(stream, 15);
            return pvs;
        });
        return $"{{\"raw_sequential_get_per_s\": {sequential:F0}, \"raw_batched_get_values_per_s\": {batched:F0}}}";
    }

    private static async Task<double> RateAsync(TimeSpan budget, Func<Task<int>> step)
    {
        var watch = Stopwatch.StartNew();
        long done = 0;
        while (watch.Elapsed < budget) done += await step();
        return done / watch.Elapsed.TotalSeconds;
    }

    private static byte[] Message(ushort cmd, ushort type, ushort count, uint p1, uint p2, byte[] payload)
    {
        int padded = (payload.Length + 7) / 8 * 8;
        var b = new byte[16 + padded];
        BinaryPrimitives.WriteUInt16BigEndian(b, cmd);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)padded);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), type);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(6), count);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), p1);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), p2);
        payload.CopyTo(b, 16);
        return b;
    }

    /// <summary>Reads messages until one with the command arrives; returns its parameter 2.</summary>
    private static async Task<uint> ExpectAsync(NetworkStream stream, ushort cmd)
    {
        var header = new byte[16];
        while (true)
        {
            await stream.ReadExactlyAsync(header);
            int size = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(2));
            if (size > 0) await stream.ReadExactlyAsync(new byte[size]);
            if (BinaryPrimitives.ReadUInt16BigEndian(header) == cmd) return BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(12));
        }
    }
}
