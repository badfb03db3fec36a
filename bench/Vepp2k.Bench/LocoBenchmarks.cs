using BenchmarkDotNet.Attributes;
using Vepp2k.Machine;
using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;

namespace Vepp2k.Bench;

/// <summary>
/// Beam issue 16: the model orbit response (20 monitors x 36 dipole correctors, both planes, 6-D with the RF)
/// and one LOCO iteration (model and analytic derivatives of 152 parameters, a Levenberg-Marquardt step, the
/// model measured again with the machine's finite steps) on the default-mode ring with seed-2026 errors.
/// </summary>
[MemoryDiagnoser]
public class LocoBenchmarks
{
    private SteeredRing design = null!;
    private LocoModel model = null!;
    private LocoMeasurement measurement = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = MagnetCatalogue.Default;
        var setting = ModeDesigns.Setting(Modes.Default);
        var amperes = new double[catalogue.Magnets.Count];
        foreach (var (name, value) in DesignCurrents.For(catalogue, setting))
        {
            if (name == "PS") foreach (var d in catalogue.OfKind(MagnetKind.Dipole)) amperes[catalogue.IndexOf(d.Name)] = value;
            else amperes[catalogue.IndexOf(name)] = value;
        }
        var strengths = new double[amperes.Length];
        catalogue.ToStrengths(setting.EnergyEv, amperes, strengths);
        design = SteeredRing.Build(Modes.Default, setting.EnergyEv, strengths, catalogue);
        var errors = RingErrors.Generate(2026);
        var truth = SteeredRing.Build(Modes.Default, setting.EnergyEv, strengths, catalogue, errors);
        measurement = LocoMeasurement.Simulate(truth, new Instruments(errors, InstrumentNoise.Default, seed: 17), 1e-3, averages: 100);
        model = new LocoModel(Modes.Default, setting.EnergyEv, strengths, catalogue);
    }

    /// <summary>The model response matrix of the ring (40 x 36) from its transfer maps.</summary>
    [Benchmark]
    public OrbitResponse ResponseMatrix() => OrbitResponse.Compute(design);

    /// <summary>One LOCO iteration from the design model: everything Loco.Fit does with MaxIterations = 1.</summary>
    [Benchmark]
    public LocoFit OneIteration() => Loco.Fit(model, measurement, LocoOptions.Default with { MaxIterations = 1 });
}
