using System.Text.Json;
using Vepp2k.MadX;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests;

/// <summary>The engine as a library for scripts: the table by name, knobs, and a line from initial conditions.</summary>
public sealed class ScriptingApiTests
{
    private static string Lattice(string name) => Path.Combine(AppContext.BaseDirectory, "Reference", "lattices", name + ".madx");

    [Fact]
    public void A_line_started_from_the_rings_start_reproduces_MADXs_ring_functions_at_every_element()
    {
        // MAD-X TWISS of the closed ring (Reference/reference.json) is independent truth for the line:
        // the same functions must follow from the start values alone.
        var model = OpticsModel.FromFile(Lattice("sbend-edges"));
        var ring = model.Twiss(chromaticity: false);
        var line = model.TwissLine(TwissInitial.From(ring.Rows[0]));
        var rows = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "reference.json")))
            .RootElement.GetProperty("lattices").GetProperty("sbend-edges").GetProperty("madx").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, line.Rows.Count - 1);
        for (int i = 0; i < rows.Length; i++)
        {
            var peer = rows[i].EnumerateArray().ToArray();
            Assert.Equal(peer[2].GetDouble(), line.Rows[i + 1].BetX, 1e-6 * peer[2].GetDouble());
            Assert.Equal(peer[3].GetDouble(), line.Rows[i + 1].BetY, 1e-6 * peer[3].GetDouble());
            Assert.Equal(peer[6].GetDouble(), line.Rows[i + 1].MuX, 1e-6);
            Assert.Equal(peer[8].GetDouble(), line.Rows[i + 1].Dx, 1e-6);
        }
    }

    [Fact]
    public void Rows_are_found_by_name_and_occurrence_and_columns_by_their_TFS_name()
    {
        var tw = OpticsModel.FromFile(Lattice("sbend-sector")).Twiss(chromaticity: false);
        Assert.Same(tw.Rows[1], tw["qf"]);
        Assert.Same(tw.Rows.Where(r => r.Name == "qf").ElementAt(2), tw["QF", 3]);
        Assert.Equal(tw.Rows.Select(r => r.BetY), tw.Column("bety"));
        Assert.Contains("no element called nowhere", Assert.Throws<OpticsException>(() => tw["nowhere"]).Message);
        Assert.Contains("BETX", Assert.Throws<OpticsException>(() => tw.Column("BETAX")).Message);
    }

    [Fact]
    public void A_variable_knob_changes_every_element_that_uses_it()
    {
        var model = new OpticsModel(MadxReader.ParseText("""
            beam, particle=electron, energy=1.0;
            kq = 1.2;
            qf: quadrupole, l=0.2, k1:=kq;
            qd: quadrupole, l=0.2, k1:=-kq;
            d: drift, l=1.0;
            ring: line=(8*(qf, d, qd, d));
            use, period=ring;
            """));
        double before = model.Twiss(chromaticity: false).Tunes[0];
        model.Set("kq", 1.4);
        Assert.Equal(1.4, model.Get("kq"));
        Assert.All(model.Lattice.Elements.OfType<Elements.Quadrupole>(), q => Assert.Equal(1.4, Math.Abs(q.K1)));
        Assert.True(model.Twiss(chromaticity: false).Tunes[0] > before);
        model.Set("qf->k1", 1.5);
        Assert.Equal(1.5, model.Lattice.Elements.OfType<Elements.Quadrupole>().First().K1);
    }

    [Fact]
    public void A_line_has_no_ring_summary()
    {
        var model = OpticsModel.FromFile(Lattice("sbend-sector"));
        var line = model.TwissLine(new TwissInitial(1, 0, 1, 0), to: "b");
        Assert.Contains("line", Assert.Throws<OpticsException>(() => line.Tunes).Message);
    }
}
