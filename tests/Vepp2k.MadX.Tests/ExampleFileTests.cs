using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

/// <summary>The example inputs in Examples/ read end to end, with hand-computed expectations.</summary>
public class ExampleFileTests
{
    public static string ExamplePath(string name) => Path.Combine(AppContext.BaseDirectory, "Examples", name);

    [Fact]
    public void FodoSequence()
    {
        var document = MadxReader.ParseFile(ExamplePath("fodo.madx"));
        Assert.Equal("fodo", document.UsedLine);
        var elements = document.Expand();
        Assert.Equal(["qf", "drift_0", "b1", "drift_1", "qd", "drift_2", "b2", "drift_3", "qf2"], Madx.Names(elements));
        Assert.Equal([0.5, 1.5, 3.5, 4.75, 5.25, 6.5, 8.5, 9.5, 10], elements.Select(e => e.S));
        Assert.Equal([0.5, 1, 2, 1.25, 0.5, 1.25, 2, 1, 0.5], elements.Select(e => e.Length));
        Assert.Equal(["quadrupole", "drift", "sbend", "drift", "quadrupole", "drift", "sbend", "drift", "quadrupole"],
            elements.Select(e => e.Keyword));
        Assert.Equal(0.02, elements[0].Number("k1"));
        Assert.Equal(-0.02, elements[4].Number("k1"));
        Assert.Equal(0.02, elements[8].Number("k1"));
        Assert.Equal(Math.PI / 8, elements[2].Number("angle"));
        Assert.Equal("circle", elements[8].Text("apertype"));
        Assert.Equal([0.03], elements[8].Array("aperture"));

        var beam = document.Beam!;
        Assert.Equal("electron", beam.Particle);
        Assert.Equal(1.0, beam.EnergyGeV);
        Assert.Equal(["select", "title", "twiss"], document.Warnings.Select(w => w.Message.Split('\'')[1]).Order());
    }

    [Fact]
    public void FodoKnobsChangeTheNextExpansion()
    {
        var document = MadxReader.ParseFile(ExamplePath("fodo.madx"));
        document.SetVariable("scale", 1.5);
        document.SetVariable("lq", 0.4);
        var elements = document.Expand();
        Assert.Equal(0.03, elements.Single(e => e.Name == "qf").Number("k1")!.Value, 15);
        Assert.Equal(-0.03, elements.Single(e => e.Name == "qd").Number("k1")!.Value, 15);
        // qf is now 0.4 long centred at 0.25: it spans 0.05..0.45, after a 0.05 drift; qf2 spans 9.6..10.
        Assert.Equal(["drift_0", "qf", "drift_1", "b1", "drift_2", "qd", "drift_3", "b2", "drift_4", "qf2"], Madx.Names(elements));
        Assert.Equal([0.05, 0.4, 1.05, 2, 1.3, 0.4, 1.3, 2, 1.1, 0.4], elements.Select(e => Math.Round(e.Length, 12)));
    }

    [Fact]
    public void RingOfLines()
    {
        var document = MadxReader.ParseFile(ExamplePath("ring.madx"));
        Assert.Equal("ring", document.UsedLine);
        var elements = document.Expand();
        Assert.Equal(74, elements.Count);
        Assert.Equal(48, elements[^1].S, 12);
        Assert.Equal(("ip", 0.0), (elements[0].Name, elements[0].S));
        Assert.Equal(("qf", 0.4), (elements[1].Name, Math.Round(elements[1].S, 12)));
        Assert.Equal(("cav", 24.0), (elements[37].Name, Math.Round(elements[37].S, 12)));
        Assert.Equal(["mp", "d", "mb", "d", "qd", "d", "mb", "d", "qf"], Madx.Names(elements.Skip(38).Take(9)));
        Assert.Equal("qf", elements[^1].Name);

        var bends = elements.Where(e => e.Keyword == "sbend").ToArray();
        Assert.Equal(16, bends.Length);
        Assert.Equal(2 * Math.PI, bends.Sum(b => b.Number("angle")!.Value), 12);
        var qd = elements.First(e => e.Name == "qd");
        Assert.Equal(("quadrupole", 0.4, -0.85), (qd.Keyword, qd.Length, qd.Number("k1")));
        Assert.Equal([0, 0, 0.15], elements.First(e => e.Name == "mp").Array("knl"));
        Assert.Equal(0.1, elements[37].Number("volt"));

        var beam = document.Beam!;
        Assert.Equal(("positron", 1e10), (beam.Particle, beam.Numbers["npart"]));
        Assert.Equal(0.5, beam.Pc, 12);
        Assert.Equal(0.8, document.GetVariable("kqf"));
        Assert.Equal(0.1, document.GetVariable("vrf"));
        Assert.Equal(5, document.Warnings.Count);
    }
}
