using System.Globalization;
using Vepp2k.Control.Channels;

namespace Vepp2k.Epics.Protocol;

/// <summary>
/// A channel's published state seen as CA elements: every element as a number and as the text a
/// DBR_STRING read shows (numbers with the channel's precision, enums by label, as an IOC's
/// dbConvert does).
/// </summary>
internal readonly struct DbrSource(ChannelSpec spec, ChannelUpdate update)
{
    public ChannelSpec Spec => spec;
    public ChannelUpdate Update => update;

    /// <summary>The channel's native DBR type (plain family) for CREATE_CHAN.</summary>
    public static ushort NativeType(ChannelType type) => (ushort)(type switch
    {
        ChannelType.Integer => DbrElement.Long,
        ChannelType.Enum => DbrElement.Enum,
        ChannelType.String => DbrElement.String,
        _ => DbrElement.Double,
    });

    /// <summary>Elements available now: an array's length, otherwise one.</summary>
    public int Count => spec.Type == ChannelType.DoubleArray ? update.Value.Array.Length : 1;

    /// <summary>The element count CREATE_CHAN announces (an empty array still announces one).</summary>
    public uint NativeCount => (uint)Math.Max(1, Count);

    public double Number(int index) => spec.Type switch
    {
        ChannelType.DoubleArray => update.Value.Array[index],
        ChannelType.String => double.TryParse(update.Value.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double x) ? x : 0,
        _ => update.Value.Number,
    };

    public string Text(int index)
    {
        switch (spec.Type)
        {
            case ChannelType.String: return update.Value.Text ?? "";
            case ChannelType.Enum:
                int i = (int)update.Value.Number;
                return i >= 0 && i < spec.EnumLabels.Count ? spec.EnumLabels[i] : i.ToString(CultureInfo.InvariantCulture);
            case ChannelType.Integer: return ((long)update.Value.Number).ToString(CultureInfo.InvariantCulture);
        }
        double x = Number(index);
        string fixedText = x.ToString("F" + Math.Clamp(spec.Precision, 0, 15), CultureInfo.InvariantCulture);
        // Fixed notation of a huge number would not fit the 40-byte string: fall back to exponent form.
        return fixedText.Length < DbrType.StringSize ? fixedText : x.ToString("G15", CultureInfo.InvariantCulture);
    }

    /// <summary>Precision for GR/CTRL: integers show none.</summary>
    public short Precision => spec.Type is ChannelType.Double or ChannelType.DoubleArray ? (short)Math.Clamp(spec.Precision, 0, 15) : (short)0;
}
