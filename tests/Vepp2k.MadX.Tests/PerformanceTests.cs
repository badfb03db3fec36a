using System.Text;
using Vepp2k.MadX;

namespace Vepp2k.MadX.Tests;

public class PerformanceTests
{
    /// <summary>A 20-cell ring sequence with 200 placed elements (plus drifts), all strengths deferred knobs.</summary>
    private static string Ring()
    {
        var text = new StringBuilder("""
            kf := 0.8 * scale; kd := -0.82 * scale; scale = 1; ks := 0.1; ang := twopi / 40;
            qf: quadrupole, l=0.3, k1:=kf; qd: quadrupole, l=0.3, k1:=kd;
            mb: sbend, l=1.5, angle:=ang; sf: sextupole, l=0.1, k2:=ks; sd: sf, k2:=-ks;
            bpm: monitor; mk: marker; kick: hkicker, l=0, kick:=0;
            ring: sequence, l=120, refer=centre;

            """);
        for (int cell = 0; cell < 20; cell++)
        {
            double s0 = cell * 6.0;
            text.Append($"qf, at={s0 + 0.25}; sf, at={s0 + 0.6}; bpm, at={s0 + 0.8}; mb, at={s0 + 1.6}; mk, at={s0 + 2.5};");
            text.Append($"qd, at={s0 + 3.25}; sd, at={s0 + 3.6}; kick, at={s0 + 3.8}; mb, at={s0 + 4.6}; mk, at={s0 + 5.6};\n");
        }
        text.Append("endsequence; use, sequence=ring;");
        return text.ToString();
    }

    /// <summary>
    /// A knob change re-expands the whole ring with the new deferred values (the matcher and the online
    /// model rely on this). Its speed is a benchmark matter, not asserted here.
    /// </summary>
    [Fact]
    public void AKnobChangeReExpandsTheRingWithNewValues()
    {
        var document = MadxReader.ParseText(Ring());
        var elements = document.Expand();
        Assert.Equal(200, elements.Count(e => !e.Name.StartsWith("drift_", StringComparison.Ordinal)));
        Assert.Equal(120, elements[^1].S, 9);
        for (int i = 0; i < 400; i++)
        {
            document.SetVariable("scale", 1 + i * 1e-6);
            Assert.Equal(0.8 * (1 + i * 1e-6), document.Expand().First(e => e.Name == "qf").Number("k1")!.Value, 12);
        }
    }
}
