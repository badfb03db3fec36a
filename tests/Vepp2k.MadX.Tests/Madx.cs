using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

/// <summary>Shorthands shared by the tests.</summary>
internal static class Madx
{
    public const string Source = "test.madx";

    public static MadxDocument Parse(string text) => MadxReader.ParseText(text, Source);

    /// <summary>Asserts the input fails (while parsing or expanding) and returns the error.</summary>
    public static MadxException Fails(string text, bool expand = false) =>
        Assert.Throws<MadxException>(() =>
        {
            var document = Parse(text);
            if (expand) document.Expand();
        });

    public static string[] Names(IEnumerable<MadxElement> elements) => [.. elements.Select(e => e.Name)];
}
