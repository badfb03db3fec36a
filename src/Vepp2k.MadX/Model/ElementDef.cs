namespace Vepp2k.MadX;

/// <summary>
/// An element definition. Attributes not set here are looked up in the parent, at read time,
/// so a later change of the parent (qf->k1 = ...) is seen by every element derived from it,
/// as in MAD-X.
/// </summary>
internal sealed class ElementDef(string name, string keyword, ElementDef? parent, SourceLocation location)
{
    private readonly Dictionary<string, AttributeValue> _own = new();

    public string Name { get; } = name;

    /// <summary>Base MAD-X class (quadrupole, drift, ...) after following the inheritance chain.</summary>
    public string Keyword { get; } = keyword;

    public ElementDef? Parent { get; } = parent;

    public SourceLocation Location { get; } = location;

    public AttributeValue? Find(string attribute)
    {
        for (var def = this; def is not null; def = def.Parent)
        {
            if (def._own.TryGetValue(attribute, out var value)) return value;
        }
        return null;
    }

    public void Set(string attribute, AttributeValue value) => _own[attribute] = value;

    /// <summary>All attributes visible on this element, nearest definition winning.</summary>
    public Dictionary<string, AttributeValue> Flatten()
    {
        var chain = new List<ElementDef>();
        for (var def = this; def is not null; def = def.Parent) chain.Add(def);
        var result = new Dictionary<string, AttributeValue>();
        for (int i = chain.Count - 1; i >= 0; i--)
        {
            foreach (var (key, value) in chain[i]._own) result[key] = value;
        }
        return result;
    }
}
