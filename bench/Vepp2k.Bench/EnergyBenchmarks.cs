using BenchmarkDotNet.Attributes;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Nmr;
using Vepp2k.Control.Online;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Bench;

/// <summary>
/// Control-loop budgets: one NMR energy evaluation from 8 probes (runs at 10 Hz; target under 1 ms)
/// and one online-model evaluation from all magnet readbacks (runs at 1 Hz; target under 50 ms).
/// </summary>
[MemoryDiagnoser]
public class EnergyBenchmarks
{
    private EnergyMeter meter = null!;
    private Dictionary<string, NmrReading> readings = null!;
    private OnlineModel model = null!;
    private Dictionary<string, double> currents = null!;

    [GlobalSetup]
    public void Setup()
    {
        var catalogue = MagnetCatalogue.Default;
        var calibration = new EnergyCalibration();
        calibration.Add(new(CalibrationMethod.PhiMesonMass, PhiMeson.BeamEnergyEv, 20e3, 509.3e6, "bench", DateTimeOffset.UnixEpoch));
        calibration.Add(new(CalibrationMethod.ResonantDepolarization, 750e6, 15e3, 749.1e6, "bench", DateTimeOffset.UnixEpoch));
        meter = new EnergyMeter(catalogue, NmrParameters.Load(), calibration);
        double field = catalogue.Find("1M1").FieldFromCurrent(catalogue.DipoleCurrent(1e9));
        readings = meter.Probes.Select((p, i) => new NmrProbe(p, NmrParameters.Load(), () => field, i)).ToDictionary(p => p.Name, p => p.Read());

        model = new OnlineModel(catalogue);
        currents = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in Modes.Load(Modes.Default, hardEdge: true).Lattice.Elements)
        {
            if (e is Quadrupole q) currents[e.Name] = catalogue.Find(e.Name).CurrentFromStrength(q.K1, 1e9);
            if (e is Solenoid s) currents[e.Name] = catalogue.Find(e.Name).CurrentFromStrength(s.Ks, 1e9);
        }
    }

    /// <summary>8 locked probes -> outlier cut -> mean field -> energy, calibrated on two points.</summary>
    [Benchmark]
    public EnergyResult NmrEnergy() => meter.Measure(readings);

    /// <summary>36 quad and solenoid readbacks -> strengths -> ring -> tunes, IP betas, chromaticity, envelope.</summary>
    [Benchmark]
    public OnlineResult OnlineEvaluation() => model.Evaluate(currents, 1e9);
}
