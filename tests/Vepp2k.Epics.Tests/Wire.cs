using System.Buffers.Binary;
using System.Text;

namespace Vepp2k.Epics.Tests;

/// <summary>A CA message as the tests see it, built and parsed independently of the server's own code.</summary>
internal sealed record Msg(ushort Cmd, ushort DataType, uint Count, uint P1, uint P2, byte[] Payload)
{
    public static byte[] Bytes(ushort cmd, ushort dataType = 0, uint count = 0, uint p1 = 0, uint p2 = 0, byte[]? payload = null)
    {
        payload ??= [];
        int padded = (payload.Length + 7) / 8 * 8;
        var b = new byte[16 + padded];
        BinaryPrimitives.WriteUInt16BigEndian(b, cmd);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(2), (ushort)padded);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(4), dataType);
        BinaryPrimitives.WriteUInt16BigEndian(b.AsSpan(6), (ushort)count);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(8), p1);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(12), p2);
        payload.CopyTo(b, 16);
        return b;
    }

    public static byte[] Text(string s) => [.. Encoding.ASCII.GetBytes(s), 0];

    /// <summary>One DBR_DOUBLE value, big-endian.</summary>
    public static byte[] F64(double x)
    {
        var b = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteDoubleBigEndian(b, x);
        return b;
    }

    /// <summary>EVENT_ADD payload: low, high, timeout (unused) and the mask.</summary>
    public static byte[] MaskPayload(ushort mask)
    {
        var p = new byte[16];
        BinaryPrimitives.WriteUInt16BigEndian(p.AsSpan(12), mask);
        return p;
    }

    /// <summary>Splits a byte stream into messages (standard and extended headers); the rest stays unparsed.</summary>
    public static List<Msg> Parse(ReadOnlySpan<byte> data, out int used)
    {
        var list = new List<Msg>();
        used = 0;
        while (data.Length - used >= 16)
        {
            var d = data[used..];
            uint size = BinaryPrimitives.ReadUInt16BigEndian(d[2..]);
            uint count = BinaryPrimitives.ReadUInt16BigEndian(d[6..]);
            int header = 16;
            if (size == 0xFFFF)
            {
                if (d.Length < 24) break;
                size = BinaryPrimitives.ReadUInt32BigEndian(d[16..]);
                count = BinaryPrimitives.ReadUInt32BigEndian(d[20..]);
                header = 24;
            }
            if (d.Length < header + size) break;
            list.Add(new Msg(BinaryPrimitives.ReadUInt16BigEndian(d), BinaryPrimitives.ReadUInt16BigEndian(d[4..]), count,
                BinaryPrimitives.ReadUInt32BigEndian(d[8..]), BinaryPrimitives.ReadUInt32BigEndian(d[12..]),
                d.Slice(header, (int)size).ToArray()));
            used += header + (int)size;
        }
        return list;
    }

    public short I16(int at) => BinaryPrimitives.ReadInt16BigEndian(Payload.AsSpan(at));
    public ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(Payload.AsSpan(at));
    public int I32(int at) => BinaryPrimitives.ReadInt32BigEndian(Payload.AsSpan(at));
    public uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(Payload.AsSpan(at));
    public float F32(int at) => BinaryPrimitives.ReadSingleBigEndian(Payload.AsSpan(at));
    public double F64(int at) => BinaryPrimitives.ReadDoubleBigEndian(Payload.AsSpan(at));

    public string Str(int at, int size)
    {
        var s = Payload.AsSpan(at, size);
        int end = s.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? s : s[..end]);
    }
}
