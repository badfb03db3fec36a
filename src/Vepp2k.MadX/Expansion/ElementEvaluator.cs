using System.Collections.ObjectModel;

namespace Vepp2k.MadX;

/// <summary>Evaluates element definitions into <see cref="ElementData"/>, once per definition per expansion.</summary>
internal sealed class ElementEvaluator(Workspace workspace)
{
    private static readonly Dictionary<string, object> NoAttributes = new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<ElementDef, ElementData> _evaluated = new();
    private readonly Dictionary<string, ElementData> _bareClasses = new();

    public ElementData Evaluate(ElementDef def)
    {
        if (_evaluated.TryGetValue(def, out var data)) return data;
        var attributes = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in def.Flatten())
        {
            attributes[name] = value switch
            {
                NumberValue n => n.Formula.Evaluate(workspace, $"{def.Name}->{name}"),
                ArrayValue a => new ReadOnlyCollection<double>(
                    Array.ConvertAll(a.Items, f => f.Evaluate(workspace, $"{def.Name}->{name}"))),
                TextValue t => t.Text,
                _ => throw new InvalidOperationException("unhandled attribute value kind"),
            };
        }
        data = new ElementData(def.Keyword, Length(def, attributes), attributes);
        _evaluated.Add(def, data);
        return data;
    }

    /// <summary>A MAD-X class name used directly as an element, e.g. MARKER in a line.</summary>
    public ElementData BareClass(string keyword)
    {
        if (!_bareClasses.TryGetValue(keyword, out var data))
        {
            data = new ElementData(keyword, 0, NoAttributes);
            _bareClasses.Add(keyword, data);
        }
        return data;
    }

    private static double Length(ElementDef def, Dictionary<string, object> attributes)
    {
        if (!attributes.TryGetValue("l", out var value)) return 0;
        var at = def.Find("l") is NumberValue n ? n.Formula.Location : def.Location;
        if (value is not double length) throw new MadxException(at, $"length of '{def.Name}' must be a number");
        if (length < 0) throw new MadxException(at, $"'{def.Name}' has negative length {length}");
        return length;
    }
}
