using Vepp2k.MadX;
using Vepp2k.Physics.Matching;

namespace Vepp2k.Physics.Input;

/// <summary>
/// Matching knobs on a MAD-X document: a name "kf" is a variable (deferred expressions that use it
/// follow), "qf->k1" an element attribute, "d1->l" a drift length. The builder sets the knobs,
/// re-expands the line and returns the lattice, so the matcher works on the user's own file.
/// </summary>
public static class MadxKnobs
{
    public static Knob Knob(MadxDocument document, string name, double lower = double.NegativeInfinity, double upper = double.PositiveInfinity) =>
        new(name, Read(document, name), lower, upper);

    public static Func<IReadOnlyList<double>, Lattice> Builder(MadxDocument document, IReadOnlyList<Knob> knobs,
        string? line = null, double? energyEv = null) => values =>
    {
        for (int i = 0; i < knobs.Count; i++) Write(document, knobs[i].Name, values[i]);
        return MadxLattice.Build(document, line, energyEv).Lattice;
    };

    /// <summary>A knob's value: a variable, or an element attribute written "element->attribute".</summary>
    public static double Read(MadxDocument d, string name) =>
        Split(name) is var (element, attribute) ? d.GetAttribute(element, attribute) : d.GetVariable(name);

    /// <summary>Sets a knob: a variable, or an element attribute written "element->attribute".</summary>
    public static void Write(MadxDocument d, string name, double value)
    {
        if (Split(name) is var (element, attribute)) d.SetAttribute(element, attribute, value);
        else d.SetVariable(name, value);
    }

    private static (string Element, string Attribute)? Split(string name)
    {
        int arrow = name.IndexOf("->", StringComparison.Ordinal);
        return arrow < 0 ? null : (name[..arrow], name[(arrow + 2)..]);
    }
}
