using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Beam;

public class OrbitCorrectionTests(ITestOutputHelper output)
{
    private static readonly double EnergyEv = ModeDesigns.Setting(Modes.Default).EnergyEv;

    private static double[] Strengths(IReadOnlyDictionary<string, double>? kicks = null)
    {
        var catalogue = SteeredRingTests.Catalogue;
        var currents = DesignCurrents.For(catalogue, ModeDesigns.Setting(Modes.Default));
        var amperes = new double[catalogue.Magnets.Count];
        foreach (var (name, value) in currents)
        {
            if (name == "PS") foreach (var d in catalogue.OfKind(Vepp2k.Machine.Magnets.MagnetKind.Dipole)) amperes[catalogue.IndexOf(d.Name)] = value;
            else amperes[catalogue.IndexOf(name)] = value;
        }
        var strengths = new double[amperes.Length];
        catalogue.ToStrengths(EnergyEv, amperes, strengths);
        foreach (var (name, kick) in kicks ?? new Dictionary<string, double>()) strengths[catalogue.IndexOf(name)] += kick;
        return strengths;
    }

    private static SteeredRing Ring(RingErrors errors, IReadOnlyDictionary<string, double>? kicks = null) =>
        SteeredRing.Build(Modes.Default, EnergyEv, Strengths(kicks), SteeredRingTests.Catalogue, errors);

    [Fact]
    public void ModelResponseIsTheClosedOrbitsFiniteDifference()
    {
        // Truth: the closed orbit found by Newton on the tracked one-turn map of the errored ring, kicked by
        // +-10 urad; the response is the linear formula on the transfer maps.
        var errors = RingErrors.Generate(11);
        var response = OrbitResponse.Compute(Ring(errors));
        var worst = 0.0;
        foreach (var corrector in new[] { "1F1X", "2D3Z", "3X2", "4F3X", "1F1Z" })
        {
            int j = response.Correctors.ToList().IndexOf(corrector);
            const double h = 1e-5;
            var plus = BeamProbe.Observe(Ring(errors, new Dictionary<string, double> { [corrector] = h }).Lattice);
            var minus = BeamProbe.Observe(Ring(errors, new Dictionary<string, double> { [corrector] = -h }).Lattice);
            double[] Positions(BeamObservation b) => [.. b.Bpms.Select(p => p.X), .. b.Ccds.Select(p => p.X), .. b.Bpms.Select(p => p.Z), .. b.Ccds.Select(p => p.Z)];
            var dp = Positions(plus).Zip(Positions(minus), (a, b) => (a - b) / (2 * h)).ToArray();
            double scale = dp.Max(Math.Abs);
            for (int i = 0; i < dp.Length; i++) worst = Math.Max(worst, Math.Abs(dp[i] - response.Matrix[i, j]) / scale);
            output.WriteLine($"{corrector}: largest response {scale:F3} m/rad");
        }
        output.WriteLine($"largest difference / largest response: {worst:E2}");
        Assert.True(worst < 1e-5, $"model response differs from the closed orbit's finite difference by {worst:E2}");
    }

    [Fact]
    public void CorrectionReducesTheMeasuredOrbitTenfoldWithTheDefaultErrors()
    {
        var errors = RingErrors.Generate(2026);
        var instruments = new Instruments(errors, InstrumentNoise.Default, seed: 5);
        var model = OrbitResponse.Compute(Ring(RingErrors.None));
        var kicks = new Dictionary<string, double>();
        var before = instruments.Orbit(BeamProbe.Observe(Ring(errors).Lattice));
        double[] after = before;
        for (int iteration = 0; iteration < 3; iteration++)
        {
            var result = OrbitCorrection.Solve(model, after, new CorrectionOptions(SingularValueCut: 1e-3));
            for (int j = 0; j < result.Kicks.Length; j++) kicks[model.Correctors[j]] = kicks.GetValueOrDefault(model.Correctors[j]) + result.Kicks[j];
            after = instruments.Orbit(BeamProbe.Observe(Ring(errors, kicks).Lattice));
            output.WriteLine($"iteration {iteration + 1}: measured rms {Rms(after) * 1e6:F1} um (model expected {result.ExpectedRms * 1e6:F1} um), largest kick {kicks.Values.Max(Math.Abs) * 1e3:F3} mrad");
        }
        output.WriteLine($"measured rms orbit before {Rms(before) * 1e6:F1} um, after {Rms(after) * 1e6:F1} um");
        Assert.True(Rms(before) > 10 * Rms(after), $"rms orbit {Rms(before):E3} -> {Rms(after):E3} m is less than a tenfold reduction");
        // The kicks must be ones the 6 A correctors can give (2 mrad at 1 GeV).
        Assert.True(kicks.Values.Max(Math.Abs) < 2e-3);
    }

    [Fact]
    public void OrbitAtABpmIsTheFixedPointOfTheRingStartedThere()
    {
        // Independent truth: rotate the errored ring to start at BPM2 and find the closed orbit there by Newton.
        var errors = RingErrors.Generate(3);
        var ring = Ring(errors).Lattice;
        var seen = BeamProbe.Observe(ring);
        int at = ring.IndexOf("BPM2");
        var rotated = new Lattice("from BPM2", ring.Elements.Skip(at + 1).Concat(ring.Elements.Take(at + 1)), ring.EnergyEv);
        var orbit = Physics.Optics.ClosedOrbit.Find6D(rotated.Elements, new TrackContext(ring.EnergyEv, false));
        var bpm = seen.Bpms.Single(b => b.Name == "BPM2");
        output.WriteLine($"BPM2 orbit {bpm.X * 1e3:F4} / {bpm.Z * 1e3:F4} mm; fixed point {orbit[0] * 1e3:F4} / {orbit[2] * 1e3:F4} mm");
        Assert.True(Math.Abs(bpm.X) > 1e-5, "the errors must move the orbit for this test to mean anything");
        Assert.Equal(orbit[0], bpm.X, 1e-9);
        Assert.Equal(orbit[2], bpm.Z, 1e-9);
    }

    private static double Rms(IReadOnlyList<double> v) => Math.Sqrt(v.Average(x => x * x));
}
