using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Beam;

/// <summary>
/// Dispersion-free steering on the simulated ring: after the plain orbit correction, the dispersion measured
/// through the instruments (RF step, noise on) is steered towards the model's with the orbit kept. The truth is
/// the hidden ring's own dispersion against the design ring's, which the correction never sees.
/// </summary>
public class DispersionFreeSteeringTests(ITestOutputHelper output)
{
    private static readonly double EnergyEv = ModeDesigns.Setting(Modes.Default).EnergyEv;
    private static MagnetCatalogue Catalogue => SteeredRingTests.Catalogue;

    [Fact]
    public void SteeringTheDispersionBringsTheTrueRingsDispersionTowardsTheDesignsWithTheOrbitKept()
    {
        var errors = RingErrors.Generate(2026);
        var instruments = new Instruments(errors, InstrumentNoise.Default, seed: 17);
        var strengths = LocoTests.CorrectOrbit(errors, instruments);
        var monitors = OrbitResponse.AllMonitors;
        var design = DispersionResponse.Dispersion(SteeredRing.Build(Modes.Default, EnergyEv, LocoTests.DesignStrengths(), Catalogue).Lattice, monitors);

        // What the plain correction left: the true ring's dispersion and orbit.
        var before = Truth(strengths, errors);
        // The measurement through the instruments (100 readings per setting), and the model about zero orbit (the
        // correctors' settings only hold the true orbit near it) whose dispersion is the target.
        var measured = LocoMeasurement.Simulate(SteeredRing.Build(Modes.Default, EnergyEv, strengths, Catalogue, errors), instruments, averages: 100);
        var model = new LocoModel(Modes.Default, EnergyEv, strengths, Catalogue).Build([], []);
        var error = new DispersionError(DispersionResponse.Compute(model, monitors),
            [.. measured.Dispersion.Zip(DispersionResponse.Dispersion(model.Lattice, monitors), (m, d) => m - d)]);
        var orbit = instruments.Orbit(BeamProbe.Observe(SteeredRing.Build(Modes.Default, EnergyEv, strengths, Catalogue, errors).Lattice));
        var solution = OrbitCorrection.Solve(OrbitResponse.Compute(model, monitors), orbit, new CorrectionOptions(DispersionWeight: 0.1), error);
        var steered = strengths.ToArray();
        for (int j = 0; j < solution.Kicks.Length; j++) steered[Catalogue.IndexOf(model.Correctors[j].Name)] += solution.Kicks[j];
        var after = Truth(steered, errors);

        double Beat((double[] D, double Orbit) t, int from) => Rms(Enumerable.Range(from, monitors.Count).Select(i => t.D[i] - design[i]));
        output.WriteLine($"dispersion error predicted {solution.DispersionMeasuredRms * 1e3:F2} -> {solution.DispersionExpectedRms * 1e3:F2} mm rms; orbit readings {solution.MeasuredRms * 1e6:F1} -> {solution.ExpectedRms * 1e6:F1} um");
        output.WriteLine($"true ring, dispersion - design, rms x: {Beat(before, 0) * 1e3:F2} -> {Beat(after, 0) * 1e3:F2} mm; z: {Beat(before, monitors.Count) * 1e3:F2} -> {Beat(after, monitors.Count) * 1e3:F2} mm");
        output.WriteLine($"true ring, rms orbit at the monitors: {before.Orbit * 1e6:F1} -> {after.Orbit * 1e6:F1} um");
        double all(double[] d) => Rms(d.Select((v, i) => v - design[i]));
        Assert.True(all(after.D) < 0.5 * all(before.D), $"dispersion error {all(before.D) * 1e3:F2} -> {all(after.D) * 1e3:F2} mm rms");
        Assert.True(after.Orbit < 2 * before.Orbit + 50e-6, $"the orbit grew from {before.Orbit * 1e6:F1} to {after.Orbit * 1e6:F1} um rms");
    }

    // The hidden ring's dispersion at the monitors and its rms closed orbit there, for corrector settings.
    private static (double[] D, double Orbit) Truth(double[] strengths, RingErrors errors)
    {
        var ring = SteeredRing.Build(Modes.Default, EnergyEv, strengths, Catalogue, errors).Lattice;
        var along = BeamProbe.OrbitAlong(ring, BeamProbe.ClosedOrbit6D(ring));
        var at = OrbitResponse.AllMonitors.Select(m => ring.Elements.ToList().FindIndex(e => e.Name.Equals(m, StringComparison.OrdinalIgnoreCase))).ToArray();
        return (DispersionResponse.Dispersion(ring, OrbitResponse.AllMonitors), Rms(at.SelectMany(i => new[] { along[i][0], along[i][2] })));
    }

    private static double Rms(IEnumerable<double> v) => Math.Sqrt(v.Average(x => x * x));
}
