using System.Buffers.Binary;
using System.Text.Unicode;

namespace Vepp2k.Epics.Protocol;

/// <summary>
/// Encodes a channel's state as any DBR type 0-34 (db_access.h layouts, big-endian): alarm, EPICS
/// time stamp, units, precision, display/alarm/control limits and enum labels, then the elements
/// converted to the requested element type (saturating like an IOC's dbConvert).
/// </summary>
internal static class DbrEncoder
{
    public static void Write(Span<byte> destination, ushort type, int count, in DbrSource source)
    {
        var family = DbrType.Family(type);
        var element = DbrType.Element(type);
        if (family != DbrFamily.Plain)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination, (short)source.Update.Status);
            BinaryPrimitives.WriteInt16BigEndian(destination[2..], (short)source.Update.Severity);
        }
        if (family == DbrFamily.Time) WriteStamp(destination[4..], source.Update.Time);
        if (family is DbrFamily.Graphic or DbrFamily.Control) WriteMetadata(destination, element, family == DbrFamily.Control, source);

        int offset = DbrType.ValueOffset(type);
        int size = DbrType.ElementSize(element);
        for (int i = 0; i < count; i++)
        {
            var slot = destination.Slice(offset + i * size, size);
            if (element == DbrElement.String) WriteString(slot, source.Text(i));
            else WriteNumber(slot, element, source.Number(i));
        }
    }

    private static void WriteStamp(Span<byte> destination, DateTimeOffset time)
    {
        long seconds = time.ToUnixTimeSeconds() - Ca.EpicsEpochOffset;
        uint nanoseconds = (uint)(time.UtcTicks % TimeSpan.TicksPerSecond * 100);
        // Times before 1990 cannot be expressed; they show as the epoch itself (an IOC's "never processed").
        BinaryPrimitives.WriteUInt32BigEndian(destination, seconds < 0 ? 0 : (uint)Math.Min(seconds, uint.MaxValue));
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], seconds < 0 ? 0 : nanoseconds);
    }

    private static void WriteMetadata(Span<byte> destination, DbrElement element, bool control, in DbrSource source)
    {
        var spec = source.Spec;
        switch (element)
        {
            case DbrElement.String:
                return; // GR/CTRL string are plain STS structs.
            case DbrElement.Enum:
                int states = Math.Min(spec.EnumLabels.Count, DbrType.EnumStates);
                BinaryPrimitives.WriteInt16BigEndian(destination[4..], (short)states);
                for (int i = 0; i < states; i++)
                    WriteString(destination.Slice(6 + i * DbrType.EnumStateSize, DbrType.EnumStateSize), spec.EnumLabels[i]);
                return;
        }
        int unitsAt = 4;
        if (element is DbrElement.Float or DbrElement.Double)
        {
            BinaryPrimitives.WriteInt16BigEndian(destination[4..], source.Precision);
            unitsAt = 8;
        }
        WriteString(destination.Slice(unitsAt, DbrType.UnitsSize), spec.Units);
        double[] limits =
        [
            spec.DisplayHigh, spec.DisplayLow, spec.Alarms.HiHi, spec.Alarms.High, spec.Alarms.Low, spec.Alarms.LoLo,
            spec.DriveHigh, spec.DriveLow,
        ];
        int size = DbrType.ElementSize(element);
        int limitsAt = unitsAt + DbrType.UnitsSize;
        // An unset (NaN) limit goes out as 0, the IOC convention for "no limit".
        for (int i = 0; i < (control ? 8 : 6); i++)
            WriteNumber(destination.Slice(limitsAt + i * size, size), element, double.IsNaN(limits[i]) ? 0 : limits[i]);
    }

    private static void WriteNumber(Span<byte> slot, DbrElement element, double x)
    {
        switch (element)
        {
            case DbrElement.Short: BinaryPrimitives.WriteInt16BigEndian(slot, (short)Saturate(x, short.MinValue, short.MaxValue)); break;
            case DbrElement.Float: BinaryPrimitives.WriteSingleBigEndian(slot, (float)x); break;
            case DbrElement.Enum: BinaryPrimitives.WriteUInt16BigEndian(slot, (ushort)Saturate(x, 0, ushort.MaxValue)); break;
            case DbrElement.Char: slot[0] = (byte)Saturate(x, 0, byte.MaxValue); break;
            case DbrElement.Long: BinaryPrimitives.WriteInt32BigEndian(slot, (int)Saturate(x, int.MinValue, int.MaxValue)); break;
            default: BinaryPrimitives.WriteDoubleBigEndian(slot, x); break;
        }
    }

    // Truncates toward zero like a C cast, but never wraps around; NaN reads as 0.
    private static double Saturate(double x, double min, double max) =>
        double.IsNaN(x) ? 0 : Math.Clamp(Math.Truncate(x), min, max);

    /// <summary>A NUL-terminated string cut to fit the slot (never in the middle of a UTF-8 character).</summary>
    private static void WriteString(Span<byte> slot, string text)
    {
        slot.Clear();
        Utf8.FromUtf16(text, slot[..^1], out _, out _);
    }
}
