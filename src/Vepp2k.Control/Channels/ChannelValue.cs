using System.Globalization;

namespace Vepp2k.Control.Channels;

/// <summary>The value types a channel can carry (the CA DBR families map onto these).</summary>
public enum ChannelType { Double, Integer, Enum, String, DoubleArray }

/// <summary>
/// A channel value: a number (double, integer or enum index), a string, or an array of doubles.
/// Immutable; arrays are copied in and never exposed for writing.
/// </summary>
public readonly record struct ChannelValue
{
    private readonly double[]? _array;

    private ChannelValue(ChannelType type, double number, string? text, double[]? array)
    {
        Type = type;
        Number = number;
        Text = text;
        _array = array;
    }

    public ChannelType Type { get; }

    /// <summary>The number for Double, Integer and Enum (the enum index) values; NaN otherwise.</summary>
    public double Number { get; }

    public string? Text { get; }

    public ReadOnlySpan<double> Array => _array;

    public static ChannelValue Of(double value) => new(ChannelType.Double, value, null, null);
    public static ChannelValue OfInteger(long value) => new(ChannelType.Integer, value, null, null);
    public static ChannelValue OfEnum(int index) => new(ChannelType.Enum, index, null, null);
    public static ChannelValue OfString(string value) => new(ChannelType.String, double.NaN, value, null);
    public static ChannelValue OfArray(ReadOnlySpan<double> values) => new(ChannelType.DoubleArray, double.NaN, null, values.ToArray());

    public bool IsNumeric => Type is ChannelType.Double or ChannelType.Integer or ChannelType.Enum;

    /// <summary>Same type and same content (arrays compared element by element).</summary>
    public bool SameAs(ChannelValue other) => Type == other.Type && Type switch
    {
        ChannelType.String => Text == other.Text,
        ChannelType.DoubleArray => Array.SequenceEqual(other.Array),
        _ => Number.Equals(other.Number),
    };

    public override string ToString() => Type switch
    {
        ChannelType.String => Text ?? "",
        ChannelType.DoubleArray => string.Join(" ", _array!.Select(x => x.ToString("R", CultureInfo.InvariantCulture))),
        ChannelType.Integer or ChannelType.Enum => ((long)Number).ToString(CultureInfo.InvariantCulture),
        _ => Number.ToString("R", CultureInfo.InvariantCulture),
    };
}
