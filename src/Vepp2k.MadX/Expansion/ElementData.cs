namespace Vepp2k.MadX;

/// <summary>
/// An element's attributes evaluated for one expansion. Shared by all placements of the same
/// definition, so a ring with many identical quadrupoles evaluates each definition once.
/// Values are double, IReadOnlyList&lt;double&gt; or string.
/// </summary>
internal sealed class ElementData
{
    private Dictionary<string, object>? _attributes;

    public ElementData(string keyword, double length, Dictionary<string, object> attributes)
    {
        Keyword = keyword;
        Length = length;
        _attributes = attributes;
    }

    // Generated drifts are the most numerous entries and their attributes are rarely read,
    // so their one-entry table is built on demand.
    private ElementData(double driftLength)
    {
        Keyword = "drift";
        Length = driftLength;
    }

    public string Keyword { get; }

    public double Length { get; }

    /// <summary>Case-insensitive, so that API callers need not lower-case names.</summary>
    public Dictionary<string, object> Attributes =>
        LazyInitializer.EnsureInitialized(ref _attributes, () => new(StringComparer.OrdinalIgnoreCase) { ["l"] = Length });

    public static ElementData Drift(double length) => new(length);
}
