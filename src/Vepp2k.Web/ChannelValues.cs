using System.Globalization;
using System.Text.Json;
using Vepp2k.Control.Channels;

namespace Vepp2k.Web;

/// <summary>Turns a JSON value into a channel value of the channel's type: numbers, numeric text, enum labels, strings, arrays.</summary>
public static class ChannelValues
{
    public static ChannelValue Parse(ChannelSpec spec, JsonElement json)
    {
        switch (spec.Type)
        {
            case ChannelType.String:
                return ChannelValue.OfString(json.ValueKind == JsonValueKind.String ? json.GetString()! : json.GetRawText());
            case ChannelType.DoubleArray:
                if (json.ValueKind != JsonValueKind.Array) throw new ArgumentException($"{spec.Path} needs an array of numbers");
                return ChannelValue.OfArray(json.EnumerateArray().Select(x => x.GetDouble()).ToArray());
            case ChannelType.Enum:
                if (json.ValueKind == JsonValueKind.String && spec.EnumLabels.ToList().FindIndex(l => l.Equals(json.GetString(), StringComparison.OrdinalIgnoreCase)) is var i and >= 0)
                    return ChannelValue.OfEnum(i);
                return ChannelValue.OfEnum(checked((int)Number(spec, json)));
            case ChannelType.Integer:
                return ChannelValue.OfInteger(checked((long)Number(spec, json)));
            default:
                return ChannelValue.Of(Number(spec, json));
        }
    }

    private static double Number(ChannelSpec spec, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Number) return json.GetDouble();
        if (json.ValueKind == JsonValueKind.String && double.TryParse(json.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double x)) return x;
        throw new ArgumentException($"{spec.Path} needs a number{(spec.EnumLabels.Count > 0 ? " or one of " + string.Join(", ", spec.EnumLabels) : "")}, got {json.GetRawText()}");
    }
}
