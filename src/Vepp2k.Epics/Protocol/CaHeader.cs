using System.Buffers.Binary;

namespace Vepp2k.Epics.Protocol;

/// <summary>
/// A CA message header: command, payload size, data type, element count and two parameters,
/// big-endian. Payloads of 0xFFF8 bytes or more (and counts over 0xFFFF) use the extended form
/// (CA 4.9): size field 0xFFFF, count 0, then 32-bit size and count.
/// </summary>
internal readonly record struct CaHeader(ushort Command, uint PayloadSize, ushort DataType, uint Count, uint P1, uint P2)
{
    public CaCommand Cmd => (CaCommand)Command;

    public static CaHeader Of(CaCommand command, uint payloadSize = 0, ushort dataType = 0, uint count = 0, uint p1 = 0, uint p2 = 0) =>
        new((ushort)command, payloadSize, dataType, count, p1, p2);

    public bool NeedsExtended => PayloadSize > Ca.LargestSmallPayload || Count > 0xFFFF;

    public int Size => NeedsExtended ? Ca.ExtendedHeaderSize : Ca.HeaderSize;

    /// <summary>
    /// Reads a header from the start of <paramref name="data"/>. Returns false when more bytes are
    /// needed; <paramref name="headerSize"/> tells how many bytes the header used.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> data, out CaHeader header, out int headerSize)
    {
        header = default;
        headerSize = 0;
        if (data.Length < Ca.HeaderSize) return false;
        ushort command = BinaryPrimitives.ReadUInt16BigEndian(data);
        uint size = BinaryPrimitives.ReadUInt16BigEndian(data[2..]);
        ushort type = BinaryPrimitives.ReadUInt16BigEndian(data[4..]);
        uint count = BinaryPrimitives.ReadUInt16BigEndian(data[6..]);
        uint p1 = BinaryPrimitives.ReadUInt32BigEndian(data[8..]);
        uint p2 = BinaryPrimitives.ReadUInt32BigEndian(data[12..]);
        headerSize = Ca.HeaderSize;
        if (size == 0xFFFF && count == 0)
        {
            if (data.Length < Ca.ExtendedHeaderSize) return false;
            size = BinaryPrimitives.ReadUInt32BigEndian(data[16..]);
            count = BinaryPrimitives.ReadUInt32BigEndian(data[20..]);
            headerSize = Ca.ExtendedHeaderSize;
        }
        header = new CaHeader(command, size, type, count, p1, p2);
        return true;
    }

    /// <summary>Writes the header (extended when the payload or count needs it); returns the bytes used.</summary>
    public int WriteTo(Span<byte> destination)
    {
        bool extended = NeedsExtended;
        BinaryPrimitives.WriteUInt16BigEndian(destination, Command);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], extended ? (ushort)0xFFFF : (ushort)PayloadSize);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], DataType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[6..], extended ? (ushort)0 : (ushort)Count);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], P1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], P2);
        if (!extended) return Ca.HeaderSize;
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], PayloadSize);
        BinaryPrimitives.WriteUInt32BigEndian(destination[20..], Count);
        return Ca.ExtendedHeaderSize;
    }

    /// <summary>Payloads are padded to a multiple of 8 bytes.</summary>
    public static int Padded(int size) => (size + 7) & ~7;
}
