using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// The lattice-function table of a ring or a line, by element name and column name:
/// <c>tw["SND"].BetX</c>, <c>tw.Column("BETX")</c>, with the ring's summary (tunes, chromaticity,
/// momentum compaction, radiation integrals) where there is one. Row 0 is the start ("start"); row
/// i + 1 is the exit of element i, as in MAD-X's TWISS table.
/// </summary>
public sealed class Twiss
{
    private Twiss(Lattice lattice, IReadOnlyList<TwissRow> rows, RingOptics? ring)
    {
        Lattice = lattice; Rows = rows; Ring = ring;
    }

    /// <summary>The table of a ring, with its summary.</summary>
    public static Twiss Of(RingOptics ring) => new(ring.Lattice, ring.Linear.Rows, ring);

    /// <summary>The table of a transfer line started from <paramref name="initial"/>; it has no ring summary.</summary>
    public static Twiss OfLine(Lattice line, TwissInitial initial) => new(line, LinearOptics.ComputeLine(line, initial), null);

    public Lattice Lattice { get; }

    /// <summary>Every row: the start, then the exit of each element.</summary>
    public IReadOnlyList<TwissRow> Rows { get; }

    /// <summary>The ring's full optics (eigenmodes, one-turn map, envelope), or null for a line.</summary>
    public RingOptics? Ring { get; }

    /// <summary>The row at the exit of the first element called <paramref name="element"/> (case-insensitive); "start" is row 0.</summary>
    public TwissRow this[string element] => this[element, 1];

    /// <summary>The row at the exit of the <paramref name="occurrence"/>-th element called <paramref name="element"/> (1 = first).</summary>
    public TwissRow this[string element, int occurrence]
    {
        get
        {
            int seen = 0;
            foreach (var row in Rows)
                if (string.Equals(row.Name, element, StringComparison.OrdinalIgnoreCase) && ++seen == occurrence) return row;
            throw new OpticsException(seen == 0
                ? $"{Lattice.Name} has no element called {element}"
                : $"{Lattice.Name} has {seen} elements called {element}, not {occurrence}");
        }
    }

    /// <summary>One column along the whole table (a name of <see cref="TwissColumns"/>: BETX, MUY, DX, BETA12 ...).</summary>
    public double[] Column(string name)
    {
        var column = TwissColumns.Find(name);
        return [.. Rows.Select(column.Get)];
    }

    /// <summary>Eigen-tunes with their integer parts (ring only).</summary>
    public IReadOnlyList<double> Tunes => RingOnly().Linear.Tunes;

    /// <summary>dQ/d delta of both eigenmodes (ring only; null if not computed).</summary>
    public IReadOnlyList<double>? Chromaticity => RingOnly().Chromaticity;

    /// <summary>Momentum compaction factor (ring only).</summary>
    public double MomentumCompaction => RingOnly().Linear.MomentumCompaction;

    /// <summary>The classical radiation integrals I1..I5 (ring only).</summary>
    public RadiationIntegrals RadiationIntegrals => RingOnly().Integrals;

    private RingOptics RingOnly() => Ring ?? throw new OpticsException($"{Lattice.Name} was computed as a line: it has no tunes, chromaticity or integrals");
}
