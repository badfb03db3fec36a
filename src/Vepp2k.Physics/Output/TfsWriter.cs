using System.Globalization;
using System.Text;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Output;

/// <summary>
/// MAD-X TFS table of the lattice functions: the columns MAD-X TWISS writes for these quantities
/// (BETX ... DPY, Edwards-Teng in coupled rings) plus the Mais-Ripken BETA11..ALFA22 that PTC_TWISS
/// writes (the columns of <see cref="TwissColumns"/>), with the summary headers Q1, Q2, DQ1, DQ2, ALFA. Readable by cpymad/tfs-pandas/pyAT.
/// </summary>
public static class TfsWriter
{
    private static readonly string[] Columns = ["NAME", "KEYWORD", .. TwissColumns.All.Select(c => c.Name)];

    public static string Write(RingOptics optics)
    {
        var f = CultureInfo.InvariantCulture;
        var t = new StringBuilder();
        var l = optics.Linear;
        void Header(string name, string type, string value) => t.AppendLine($"@ {name,-16} {type} {value}");
        void Number(string name, double v) => Header(name, "%le", v.ToString("E16", f));
        Header("NAME", "%05s", "\"TWISS\"");
        Header("TYPE", "%05s", "\"TWISS\"");
        Header("SEQUENCE", $"%{optics.Lattice.Name.Length:00}s", $"\"{optics.Lattice.Name.ToUpperInvariant()}\"");
        Header("PARTICLE", "%08s", "\"ELECTRON\"");
        Number("ENERGY", optics.Lattice.EnergyEv / 1e9);
        Number("LENGTH", optics.Lattice.Circumference);
        Number("Q1", l.Tunes[0]);
        Number("Q2", l.Tunes[1]);
        Number("DQ1", optics.Chromaticity?[0] ?? double.NaN);
        Number("DQ2", optics.Chromaticity?[1] ?? double.NaN);
        Number("ALFA", l.MomentumCompaction);
        Number("SYNCH_1", optics.Integrals.I1);
        Number("SYNCH_2", optics.Integrals.I2);
        Number("SYNCH_3", optics.Integrals.I3);
        Number("SYNCH_4", optics.Integrals.I4);
        Number("SYNCH_5", optics.Integrals.I5);
        t.AppendLine("* " + string.Join(" ", Columns.Select(c => c.PadLeft(c is "NAME" or "KEYWORD" ? 16 : 24))));
        t.AppendLine("$ " + string.Join(" ", Columns.Select(c => (c is "NAME" or "KEYWORD" ? "%s" : "%le").PadLeft(c is "NAME" or "KEYWORD" ? 16 : 24))));
        foreach (var r in l.Rows)
        {
            var v = TwissColumns.All.Select(c => c.Get(r));
            t.Append("  ");
            t.Append($"\"{r.Name.ToUpperInvariant()}\"".PadLeft(16)).Append(' ');
            t.Append($"\"{r.Keyword.ToUpperInvariant()}\"".PadLeft(16));
            foreach (var x in v) t.Append(' ').Append(x.ToString("E16", f).PadLeft(24));
            t.AppendLine();
        }
        return t.ToString();
    }
}
