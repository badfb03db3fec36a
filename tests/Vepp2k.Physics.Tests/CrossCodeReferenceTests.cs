using System.Text.Json;
using Vepp2k.MadX;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.Tests;

/// <summary>
/// The engine against MAD-X 5.09.03 TWISS and PTC_TWISS on the rings in Reference/lattices. The
/// peers' numbers (Reference/reference.json) were made by bench/peers/reference.py, which also
/// writes docs/validation.md from the same run; this test holds the engine to them in CI. PTC is
/// the reference for tunes (with their integer parts) and chromaticity; MAD-X TWISS for momentum
/// compaction, radiation integrals and every element's lattice functions on uncoupled rings.
/// </summary>
public sealed class CrossCodeReferenceTests
{
    private static readonly JsonElement Reference = JsonDocument.Parse(
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "reference.json"))).RootElement;

    // MAD-X's SYNCH_n are not consistent with its own ALFA in these rings (docs/validation.md).
    private static readonly HashSet<string> UntrustedIntegrals = ["cfbend-k1", "cfbend-k1-pos", "cfbend-k1-edges", "rbend", "rbend-fint"];

    public static TheoryData<string> Lattices()
    {
        var data = new TheoryData<string>();
        foreach (var p in Reference.GetProperty("lattices").EnumerateObject()) data.Add(p.Name);
        return data;
    }

    private static (RingOptics Optics, JsonElement Ref) Load(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Reference", "lattices", name + ".madx");
        var lattice = MadxLattice.Build(MadxReader.ParseFile(path)).Lattice;
        return (RingOptics.Compute(lattice, new OpticsOptions(Radiation: false)), Reference.GetProperty("lattices").GetProperty(name));
    }

    private static bool Coupled(string name) => name.Contains("solenoid") || name.Contains("skew") || name.Contains("tilted");

    [Theory, MemberData(nameof(Lattices))]
    public void Tunes_with_their_integer_parts_equal_PTCs(string name)
    {
        var (optics, reference) = Load(name);
        var ptc = reference.GetProperty("ptc");
        Assert.Equal(ptc.GetProperty("q1").GetDouble(), optics.Linear.Tunes[0], 1e-6);
        Assert.Equal(ptc.GetProperty("q2").GetDouble(), optics.Linear.Tunes[1], 1e-6);
    }

    [Theory, MemberData(nameof(Lattices))]
    public void Chromaticity_is_PTCs_to_1e_4(string name)
    {
        var (optics, reference) = Load(name);
        var ptc = reference.GetProperty("ptc");
        double[] expected = [ptc.GetProperty("dq1").GetDouble(), ptc.GetProperty("dq2").GetDouble()];
        bool within = Math.Abs(expected[0] - optics.Chromaticity![0]) <= 1e-4 && Math.Abs(expected[1] - optics.Chromaticity[1]) <= 1e-4;
        Assert.True(within, $"{name}: Q' = {optics.Chromaticity[0]:R}, {optics.Chromaticity[1]:R}; PTC {expected[0]:R}, {expected[1]:R}");
    }

    [Theory, MemberData(nameof(Lattices))]
    public void Momentum_compaction_and_radiation_integrals_are_MADXs(string name)
    {
        if (Coupled(name)) return;   // MAD-X's TWISS is Edwards-Teng there: PTC is the reference
        var (optics, reference) = Load(name);
        var madx = reference.GetProperty("madx");
        AssertRelative(madx.GetProperty("alfa").GetDouble(), optics.Linear.MomentumCompaction, 1e-6, "alpha_c");
        var i = optics.Integrals;
        // I1 = alpha_c C holds for any ring: ours satisfies it even where MAD-X's SYNCH_1 does not.
        AssertRelative(optics.Linear.MomentumCompaction * optics.Lattice.Circumference, i.I1, 1e-6, "I1 = alpha_c C");
        if (UntrustedIntegrals.Contains(name)) return;
        double[] ours = [i.I1, i.I2, i.I3, i.I4, i.I5];
        for (int k = 0; k < 5; k++) AssertRelative(madx.GetProperty($"synch_{k + 1}").GetDouble(), ours[k], 1e-6, $"I{k + 1}");
    }

    [Theory, MemberData(nameof(Lattices))]
    public void Every_elements_lattice_functions_are_MADXs(string name)
    {
        if (Coupled(name)) return;
        var (optics, reference) = Load(name);
        var rows = reference.GetProperty("madx").GetProperty("rows").EnumerateArray().ToArray();
        Assert.Equal(rows.Length, optics.Linear.Rows.Count - 1);
        for (int r = 0; r < rows.Length; r++)
        {
            var peer = rows[r].EnumerateArray().ToArray();
            var row = optics.Linear.Rows[r + 1];
            string where = $"{name} row {r + 1} ({peer[0].GetString()})";
            Assert.Equal(peer[0].GetString(), row.Name, StringComparer.OrdinalIgnoreCase);
            double V(int c) => peer[c].GetDouble();
            AssertRelative(V(2), row.BetX, 1e-6, where + " BETX");
            AssertRelative(V(3), row.BetY, 1e-6, where + " BETY");
            Assert.True(Math.Abs(V(4) - row.AlfX) <= 1e-6 * Math.Max(1, Math.Abs(V(4))), where + $" ALFX {row.AlfX} vs {V(4)}");
            Assert.True(Math.Abs(V(5) - row.AlfY) <= 1e-6 * Math.Max(1, Math.Abs(V(5))), where + $" ALFY {row.AlfY} vs {V(5)}");
            Assert.True(Math.Abs(V(6) - row.MuX) <= 1e-6, where + $" MUX {row.MuX} vs {V(6)}");
            Assert.True(Math.Abs(V(7) - row.MuY) <= 1e-6, where + $" MUY {row.MuY} vs {V(7)}");
            Assert.True(Math.Abs(V(8) - row.Dx) <= 1e-6 * Math.Max(1, Math.Abs(V(8))), where + $" DX {row.Dx} vs {V(8)}");
            Assert.True(Math.Abs(V(9) - row.Dpx) <= 1e-6 * Math.Max(1, Math.Abs(V(9))), where + $" DPX {row.Dpx} vs {V(9)}");
        }
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected), $"{what}: {actual:R} vs {expected:R}");
}
