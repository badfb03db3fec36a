using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Operations;

/// <summary>A named set of powered elements operated together.</summary>
public sealed record ElementGroup(string Name, IReadOnlyList<string> Members, string Description, bool BuiltIn);

/// <summary>
/// Built-in groups after the machine's structure (families across quadrants such as F1 = 1F1 2F1
/// 3F1 4F1, all F or D quads, each quadrant's triplet and quads, the mirror pairs about the IP-IP
/// axis 1&lt;-&gt;4 and 2&lt;-&gt;3, corrector families by plane, solenoid sections) plus the user's
/// groups kept in the store.
/// </summary>
public sealed class GroupCatalog
{
    private readonly MagnetSystem _machine;
    private readonly IControlStore _store;
    private readonly Dictionary<string, ElementGroup> _builtIn = new(StringComparer.OrdinalIgnoreCase);

    public GroupCatalog(MagnetSystem machine, IControlStore store)
    {
        _machine = machine;
        _store = store;
        var e = machine.Elements;
        string[] families = ["D1", "F1", "D2", "F2", "D3", "F3"];
        foreach (var f in families)
            Add($"quads-{f}", e.Where(x => x.Model.Kind == MagnetKind.Quadrupole && x.Model.Family == f), $"the four {f} quads");
        Add("quads-F", e.Where(x => x.Model.Kind == MagnetKind.Quadrupole && x.Model.Family.StartsWith('F')), "all focusing quads");
        Add("quads-D", e.Where(x => x.Model.Kind == MagnetKind.Quadrupole && x.Model.Family.StartsWith('D')), "all defocusing quads");
        Add("quads", e.Where(x => x.Model.Kind == MagnetKind.Quadrupole), "all 24 quads");
        for (int q = 1; q <= 4; q++)
        {
            int quadrant = q;
            Add($"q{q}-quads", e.Where(x => x.Model.Kind == MagnetKind.Quadrupole && x.Model.Quadrant == quadrant), $"the six quads of quadrant {q}");
            Add($"q{q}-triplet", e.Where(x => x.Model.Kind == MagnetKind.Quadrupole && x.Model.Quadrant == quadrant && x.Model.Family is "D1" or "F1" or "D2"),
                $"the technical-straight triplet {q}D1 {q}F1 {q}D2");
        }
        foreach (var f in families)
        {
            Add($"mirror-1-4-{f}", e.Where(x => x.Name == $"1{f}" || x.Name == $"4{f}"), $"1{f} and its mirror 4{f} about the IP-IP axis");
            Add($"mirror-2-3-{f}", e.Where(x => x.Name == $"2{f}" || x.Name == $"3{f}"), $"2{f} and its mirror 3{f} about the IP-IP axis");
        }
        Add("solenoids", e.Where(x => x.IsSolenoid), "all 12 SC solenoid sections");
        Add("solenoids-main", e.Where(x => x.IsSolenoid && !x.Name.EndsWith('3')), "the 8 main-coil sections");
        Add("correctors-x", e.Where(x => x.Model.Kind is MagnetKind.HorizontalCorrector or MagnetKind.DipoleTrim), "all horizontal correctors");
        Add("correctors-z", e.Where(x => x.Model.Kind == MagnetKind.VerticalCorrector), "all vertical correctors");
        Add("skew-quads", e.Where(x => x.Model.Kind == MagnetKind.SkewQuadrupole), "all skew-quadrupole windings");
    }

    private void Add(string name, IEnumerable<PoweredElement> members, string description)
    {
        var list = members.Select(m => m.Name).ToList();
        if (list.Count > 0) _builtIn[name] = new ElementGroup(name, list, description, true);
    }

    public IReadOnlyList<ElementGroup> All =>
        [.. _builtIn.Values, .. _store.ListGroups().Select(g => new ElementGroup(g.Name, g.Members, $"user group by {g.Author}", false))];

    public ElementGroup? Find(string name) =>
        _builtIn.GetValueOrDefault(name) ?? All.FirstOrDefault(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Defines (or redefines) a user group; refuses names against <see cref="OperatorName"/>, built-in names and unknown members.</summary>
    public string? Define(string name, IReadOnlyList<string> members, string author, DateTimeOffset time)
    {
        if (OperatorName.Problem(name, "group name") is { } bad) return bad;
        if (_builtIn.ContainsKey(name)) return $"'{name}' is a built-in group";
        if (members.Count == 0) return "a group needs at least one member";
        var unknown = members.Where(m => _machine.Find(m) is null).ToList();
        if (unknown.Count > 0) return $"unknown element(s): {string.Join(", ", unknown)}";
        _store.SaveGroup(new GroupRecord(name, members.Select(m => _machine.Get(m).Name).Distinct().ToList(), author, time));
        return null;
    }
}
