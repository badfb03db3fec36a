using Vepp2k.Control.Energy;
using Vepp2k.Control.Nmr;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>Eight NMR probes sitting on one field, and the meter reading them.</summary>
internal static class EnergyRig
{
    public static readonly string[] Probes = ["1M1", "1M2", "2M1", "2M2", "3M1", "3M2", "4M1", "4M2"];

    public static EnergyMeter Meter(EnergyCalibration? calibration = null) =>
        new(MagnetCatalogue.Default, NmrParameters.Load(), calibration ?? new EnergyCalibration());

    public static NmrProbe[] ProbesOn(Func<double> field, int seed) =>
        Probes.Select((p, i) => new NmrProbe(p, NmrParameters.Load(), field, seed * 31 + i)).ToArray();

    public static Dictionary<string, NmrReading> Read(IEnumerable<NmrProbe> probes) => probes.ToDictionary(p => p.Name, p => p.Read());

    public static Dictionary<string, NmrReading> Exact(double field) =>
        Probes.ToDictionary(p => p, _ => new NmrReading(NmrStatus.Locked, field));
}
