using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Protocol;

/// <summary>
/// Turns the payload of a WRITE / WRITE_NOTIFY (any plain DBR type 0-6) into a value of the
/// channel's own type. DBR_STRING is what caput sends by default: it is parsed as a number, or
/// for an enum channel as one of its labels.
/// </summary>
internal static class DbrDecoder
{
    /// <summary>Returns ECA_NORMAL and the value, or the ECA code saying why the payload cannot be written.</summary>
    public static uint TryDecode(ushort type, uint count, ReadOnlySpan<byte> payload, ChannelSpec spec, out ChannelValue value)
    {
        value = default;
        if (type > (ushort)DbrElement.Double) return Eca.BadType;
        var element = (DbrElement)type;
        int size = DbrType.ElementSize(element);
        // Some clients send a lone string without its 40-byte padding: the last string may be short.
        long needed = element == DbrElement.String ? (count - 1) * (long)size + 1 : count * (long)size;
        if (count == 0 || needed > payload.Length) return Eca.BadCount;

        if (spec.Type == ChannelType.String)
        {
            value = ChannelValue.OfString(element switch
            {
                DbrElement.String => ReadString(payload[..Math.Min(size, payload.Length)]),
                // A char array is how clients write strings longer than 40 bytes.
                DbrElement.Char => ReadString(payload[..(int)count]),
                _ => ReadNumber(payload, element).ToString("R", CultureInfo.InvariantCulture),
            });
            return Eca.Normal;
        }

        int elements = spec.Type == ChannelType.DoubleArray ? (int)count : 1;
        var numbers = new double[elements];
        for (int i = 0; i < elements; i++)
        {
            var slot = payload.Slice(i * size, Math.Min(size, payload.Length - i * size));
            if (element != DbrElement.String) numbers[i] = ReadNumber(slot, element);
            else if (!TryParse(ReadString(slot), spec, out numbers[i])) return Eca.NoConvert;
        }
        value = spec.Type switch
        {
            ChannelType.DoubleArray => ChannelValue.OfArray(numbers),
            // Non-finite or out-of-range numbers stay doubles so the channel refuses them with its own message.
            ChannelType.Integer when double.IsFinite(numbers[0]) && Math.Abs(numbers[0]) < long.MaxValue => ChannelValue.OfInteger((long)numbers[0]),
            ChannelType.Enum when double.IsFinite(numbers[0]) && Math.Abs(numbers[0]) < int.MaxValue => ChannelValue.OfEnum((int)numbers[0]),
            _ => ChannelValue.Of(numbers[0]),
        };
        return Eca.Normal;
    }

    private static bool TryParse(string text, ChannelSpec spec, out double number)
    {
        if (spec.Type == ChannelType.Enum)
        {
            int index = spec.EnumLabels.ToList().IndexOf(text);
            if (index >= 0) { number = index; return true; }
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number);
    }

    private static double ReadNumber(ReadOnlySpan<byte> slot, DbrElement element) => element switch
    {
        DbrElement.Short => BinaryPrimitives.ReadInt16BigEndian(slot),
        DbrElement.Float => BinaryPrimitives.ReadSingleBigEndian(slot),
        DbrElement.Enum => BinaryPrimitives.ReadUInt16BigEndian(slot),
        DbrElement.Char => slot[0],
        DbrElement.Long => BinaryPrimitives.ReadInt32BigEndian(slot),
        _ => BinaryPrimitives.ReadDoubleBigEndian(slot),
    };

    /// <summary>Text up to the first NUL, trimmed (caput pads with blanks in some versions).</summary>
    public static string ReadString(ReadOnlySpan<byte> bytes)
    {
        int end = bytes.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? bytes : bytes[..end]).Trim();
    }
}
