namespace Vepp2k.Physics.Optics;

/// <summary>One numeric column of the lattice-function table: its TFS name, unit and meaning.</summary>
public sealed record TwissColumn(string Name, string Unit, string Meaning, Func<TwissRow, double> Get);

/// <summary>
/// The columns of the lattice-function table, named as MAD-X TWISS and PTC_TWISS name them. One
/// registry for everything that reads a column by name: the TFS writer, the matcher's targets and
/// scripts (<see cref="Twiss.Column"/>).
/// </summary>
public static class TwissColumns
{
    /// <summary>Every numeric column, in the order the TFS writer writes them.</summary>
    public static readonly IReadOnlyList<TwissColumn> All =
    [
        new("S", "m", "position of the element's exit", r => r.S),
        new("L", "m", "element length", r => r.L),
        new("BETX", "m", "Edwards-Teng beta of mode 1 (Courant-Snyder beta x when uncoupled)", r => r.BetX),
        new("ALFX", "", "Edwards-Teng alpha of mode 1", r => r.AlfX),
        new("MUX", "2 pi", "phase advance of mode 1", r => r.MuX),
        new("BETY", "m", "Edwards-Teng beta of mode 2 (Courant-Snyder beta y when uncoupled)", r => r.BetY),
        new("ALFY", "", "Edwards-Teng alpha of mode 2", r => r.AlfY),
        new("MUY", "2 pi", "phase advance of mode 2", r => r.MuY),
        new("DX", "m", "horizontal dispersion", r => r.Dx),
        new("DPX", "", "horizontal dispersion slope", r => r.Dpx),
        new("DY", "m", "vertical dispersion", r => r.Dy),
        new("DPY", "", "vertical dispersion slope", r => r.Dpy),
        new("BETA11", "m", "Mais-Ripken beta of mode 1 in x", r => r.Beta11),
        new("BETA12", "m", "Mais-Ripken beta of mode 1 in y", r => r.Beta12),
        new("BETA21", "m", "Mais-Ripken beta of mode 2 in x", r => r.Beta21),
        new("BETA22", "m", "Mais-Ripken beta of mode 2 in y", r => r.Beta22),
        new("ALFA11", "", "Mais-Ripken alpha of mode 1 in x", r => r.Alfa11),
        new("ALFA12", "", "Mais-Ripken alpha of mode 1 in y", r => r.Alfa12),
        new("ALFA21", "", "Mais-Ripken alpha of mode 2 in x", r => r.Alfa21),
        new("ALFA22", "", "Mais-Ripken alpha of mode 2 in y", r => r.Alfa22),
        new("X", "m", "closed orbit x", r => r.X),
        new("PX", "", "closed orbit px", r => r.Px),
        new("Y", "m", "closed orbit y", r => r.Y),
        new("PY", "", "closed orbit py", r => r.Py),
    ];

    private static readonly Dictionary<string, TwissColumn> ByName = All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The column called <paramref name="name"/> (case-insensitive), or a clear error naming the known ones.</summary>
    public static TwissColumn Find(string name) => ByName.TryGetValue(name, out var column)
        ? column
        : throw new OpticsException($"unknown optics column {name}; known: {string.Join(", ", All.Select(c => c.Name))}");

    /// <summary>The value of column <paramref name="name"/> in <paramref name="row"/>.</summary>
    public static double Value(TwissRow row, string name) => Find(name).Get(row);
}
