using Vepp2k.Control.Channels;

namespace Vepp2k.Vcas.Tests;

/// <summary>Set values as the facility's clients write them: CXv4 prints doubles with C's <c>%f</c> and integers with <c>%d</c>.</summary>
public sealed class ValueTextTests
{
    private static readonly ChannelSpec Power = new() { Path = "VEPP/QUAD/X/Power", Type = ChannelType.Enum, EnumLabels = ["Off", "On"], Access = ChannelAccess.ReadWrite };

    [Theory]
    [InlineData("0.000000", 0)] // CXv4 %f of a double knob
    [InlineData("1.000000", 1)]
    [InlineData("1", 1)] // CXv4 %d of an integer knob
    [InlineData("0", 0)]
    [InlineData("1.0", 1)]
    [InlineData("-0.000000", 0)]
    [InlineData("On", 1)]
    [InlineData("off", 0)]
    public void EnumsTakeAnIntegralIndexOrALabel(string text, int index)
    {
        Assert.True(ValueText.TryParse(Power, text, out var value, out var error), error);
        Assert.Equal(ChannelValue.OfEnum(index), value);
    }

    [Theory]
    [InlineData("0.500000")]
    [InlineData("2.000000")]
    [InlineData("2")]
    [InlineData("-1")]
    [InlineData("-1.000000")]
    [InlineData("NaN")]
    [InlineData("1e400")]
    [InlineData("Maybe")]
    public void EnumsRefuseOtherText(string text)
    {
        Assert.False(ValueText.TryParse(Power, text, out _, out var error));
        Assert.Contains("0=Off, 1=On", error);
    }
}
