namespace Vepp2k.MadX;

/// <summary>One element of an expanded line or sequence, with its attributes evaluated at expansion time.</summary>
public sealed class MadxElement
{
    private readonly ElementData _data;

    internal MadxElement(string name, ElementData data, double s)
    {
        Name = name;
        _data = data;
        S = s;
    }

    /// <summary>Instance name, lower-case; generated drifts are drift_0, drift_1, ... in order.</summary>
    public string Name { get; }

    /// <summary>Base MAD-X class after inheritance (quadrupole, drift, ...), lower-case.</summary>
    public string Keyword => _data.Keyword;

    /// <summary>The L attribute, 0 if absent.</summary>
    public double Length => _data.Length;

    /// <summary>Position of the element's exit along the expanded line, metres.</summary>
    public double S { get; }

    /// <summary>All attribute names (numeric, array and text), lower-case.</summary>
    public IReadOnlyCollection<string> AttributeNames => _data.Attributes.Keys;

    /// <summary>A numeric attribute (flags read as 1 or 0), or null if absent or not numeric.</summary>
    public double? Number(string attribute) => Get(attribute) is double value ? value : null;

    /// <summary>An array attribute such as KNL, or null if absent or not an array.</summary>
    public IReadOnlyList<double>? Array(string attribute) => Get(attribute) as IReadOnlyList<double>;

    /// <summary>A text attribute such as APERTYPE, or null if absent or not text.</summary>
    public string? Text(string attribute) => Get(attribute) as string;

    /// <inheritdoc />
    public override string ToString() => $"{Name}: {Keyword}, l={Length}, s={S}";

    private object? Get(string attribute)
    {
        ArgumentNullException.ThrowIfNull(attribute);
        return _data.Attributes.TryGetValue(attribute, out var value) ? value : null;
    }
}
