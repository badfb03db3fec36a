using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Matching;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests;

public class MatchingTests
{
    // Thin-lens FODO with focal lengths f: cos mu = 1 - L^2 / (8 f^2) in both planes when |kf| = |kd|.
    // Match 8 cells to Q = 2.2 in both planes, starting elsewhere, then check the quad strength
    // against the closed form.
    [Fact]
    public void MatchesFodoTunesToTheThinLensStrength()
    {
        const int cells = 8;
        const double cell = 4.0, lq = 1e-6;
        Lattice Build(IReadOnlyList<double> k)
        {
            var list = new List<Element>();
            double d = (cell - 2 * lq) / 2;
            for (int c = 0; c < cells; c++)
            {
                list.Add(new Quadrupole($"qf{c}", lq / 2, k[0]));
                list.Add(new Drift($"da{c}", d));
                list.Add(new Quadrupole($"qd{c}", lq, k[1]));
                list.Add(new Drift($"db{c}", d));
                list.Add(new Quadrupole($"qfb{c}", lq / 2, k[0]));
            }
            return new Lattice("fodo", list, 1e9);
        }
        double q = 2.2, mu = 2 * Math.PI * q / cells;
        double f = cell / (2 * Math.Sqrt(2 * (1 - Math.Cos(mu))));
        double expected = 1 / (f * lq);
        var knobs = new[] { new Knob("kf", expected * 0.8, 0, expected * 3), new Knob("kd", -expected * 1.1, -expected * 3, 0) };
        var result = Matcher.Match(knobs, Build, [MatchTarget.Tune(0, q), MatchTarget.Tune(1, q)]);
        Assert.True(result.Residual < 1e-16, result.Exit);
        Assert.Equal(expected, result.Knobs["kf"], expected * 1e-5);
        Assert.Equal(-expected, result.Knobs["kd"], expected * 1e-5);
    }

    [Fact]
    public void RespectsBoundsAndReportsTheMiss()
    {
        var ring = TestLattices.Ring();
        Lattice Build(IReadOnlyList<double> k) => new("ring", ring.Elements.Select(e =>
            e is Quadrupole qd && qd.K1 > 0 ? new Quadrupole(qd.Name, qd.Length, k[0]) : e), 1e9);
        // Qx = 3.5 needs a stronger QF than the bound allows: the result sits on the bound.
        var result = Matcher.Match([new Knob("kf", 4.5, 4.0, 4.6)], Build, [MatchTarget.Tune(0, 3.5)]);
        Assert.InRange(result.Knobs["kf"], 4.0, 4.6 + 1e-12);
        Assert.Equal(4.6, result.Knobs["kf"], 6);
        Assert.True(result.Targets[0].Value < 3.5);
    }
}

public class MadxKnobTests
{
    private const string Fodo = """
        beam, particle=electron, energy=1;
        lq = 1e-6; kf = 1e5; kd = -1e5;
        qf: quadrupole, l=lq/2, k1:=kf; qd: quadrupole, l=lq, k1:=kd;
        d: drift, l=1.9;
        cell: line=(qf, d, qd, d, qf);
        ring: line=(8*cell);
        use, period=ring;
        """;

    [Fact]
    public void MatchesVariablesAndDriftLengthsOfAUserFile()
    {
        var doc = Vepp2k.MadX.MadxReader.ParseText(Fodo);
        // Knobs: two strength variables and the drift length; targets: tunes 2.2 / 2.2 and C = 32 m
        // (a geometric constraint). Thin-lens answer: cell 4 m, f from cos mu = 1 - L^2/(8 f^2).
        var knobs = new[]
        {
            Vepp2k.Physics.Input.MadxKnobs.Knob(doc, "kf", 0, 1e7),
            Vepp2k.Physics.Input.MadxKnobs.Knob(doc, "kd", -1e7, 0),
            Vepp2k.Physics.Input.MadxKnobs.Knob(doc, "d->l", 0.5, 3),
        };
        var targets = new[]
        {
            MatchTarget.Tune(0, 2.2), MatchTarget.Tune(1, 2.2),
            new MatchTarget("C", s => s.Linear.Lattice.Circumference, 32.0),
        };
        var result = Matcher.Match(knobs, Vepp2k.Physics.Input.MadxKnobs.Builder(doc, knobs), targets);
        double mu = 2 * Math.PI * 2.2 / 8, f = 4.0 / (2 * Math.Sqrt(2 * (1 - Math.Cos(mu))));
        Assert.Equal(2.0 - 1e-6, result.Knobs["d->l"], 9);
        Assert.Equal(1 / (f * 1e-6), result.Knobs["kf"], 1 / (f * 1e-6) * 1e-5);
        Assert.Equal(doc.GetVariable("kf"), result.Knobs["kf"], 6);   // the document carries the matched value
    }
}
