using System.Globalization;
using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas;

/// <summary>
/// Turns the text of a <c>set</c> into a value of the channel's type: numbers in invariant culture,
/// an enum by label or by a whole-number index within its labels (<c>1</c>, <c>1.000000</c>), an
/// array as numbers separated by spaces or commas. Range, access and rights are left to the control
/// core, which gives the reasons operators already know.
/// </summary>
internal static class ValueText
{
    private const NumberStyles Number = NumberStyles.Float;

    public static bool TryParse(ChannelSpec spec, string text, out ChannelValue value, out string error)
    {
        value = default;
        error = "";
        switch (spec.Type)
        {
            case ChannelType.Double when double.TryParse(text, Number, CultureInfo.InvariantCulture, out double d):
                value = ChannelValue.Of(d);
                return true;
            case ChannelType.Integer when double.TryParse(text, Number, CultureInfo.InvariantCulture, out double i) && i % 1 == 0 && Math.Abs(i) < 1e18:
                value = ChannelValue.OfInteger((long)i);
                return true;
            case ChannelType.Enum when EnumIndex(text, spec.EnumLabels.Count) is { } index:
                value = ChannelValue.OfEnum(index);
                return true;
            case ChannelType.Enum when spec.EnumLabels.Select((l, k) => (l, k)).FirstOrDefault(p => p.l.Equals(text, StringComparison.OrdinalIgnoreCase)) is { l: not null } match:
                value = ChannelValue.OfEnum(match.k);
                return true;
            case ChannelType.String:
                value = ChannelValue.OfString(text);
                return true;
            case ChannelType.DoubleArray when TryArray(text, out var array):
                value = ChannelValue.OfArray(array);
                return true;
        }
        error = spec.Type switch
        {
            ChannelType.Enum => $"{spec.Path}: '{text}' is none of {string.Join(", ", spec.EnumLabels.Select((l, k) => $"{k}={l}"))}",
            ChannelType.Integer => $"{spec.Path} needs an integer, got '{text}'",
            ChannelType.DoubleArray => $"{spec.Path} needs numbers separated by spaces or commas, got '{text}'",
            _ => $"{spec.Path} needs a number, got '{text}'",
        };
        return false;
    }

    // CXv4 writes a knob's value with C's %f ("1.000000") or %d ("1"), so an index comes as any number
    // text; it counts only when it is a whole number naming a label, or a typo would switch a supply.
    private static int? EnumIndex(string text, int labels) =>
        double.TryParse(text, Number, CultureInfo.InvariantCulture, out double d) && d % 1 == 0 && d >= 0 && d < labels ? (int)d : null;

    private static bool TryArray(string text, out double[] array)
    {
        var parts = text.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        array = new double[parts.Length];
        for (int k = 0; k < parts.Length; k++)
            if (!double.TryParse(parts[k], Number, CultureInfo.InvariantCulture, out array[k])) return false;
        return true;
    }
}
