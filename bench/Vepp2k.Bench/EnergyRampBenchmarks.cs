using BenchmarkDotNet.Attributes;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Bench;

/// <summary>
/// Planning a whole-machine energy ramp (energy issue: target under 50 ms for all supplies and 100
/// nodes): every powered supply of the design machine, its current along its own curve at every
/// node, every node checked. Down from 1 GeV to the 825 MeV injection energy at the default pace
/// (the supplies need 47 s, so 4 731 table nodes), and a short step whose plan has the minimum 101 nodes.
/// </summary>
[MemoryDiagnoser]
public class EnergyRampBenchmarks
{
    private MagnetSystem machine = null!;

    [GlobalSetup]
    public void Setup()
    {
        var hardware = new SimulatedHardware(MagnetCatalogue.Default, TimeProvider.System);
        machine = new MagnetSystem(MagnetCatalogue.Default, hardware);
        hardware.StartRunningDesign(Modes.Default, Vepp2k.Machine.Beam.RingErrors.None);
        machine.Update();
        machine.AdoptRunningState();
    }

    [Benchmark]
    public EnergyRampPlan? To825MeV() => EnergyRampPlanner.Plan(machine, 1000e6, 825e6, 10e6).Plan;

    [Benchmark]
    public EnergyRampPlan? Step101Nodes() => EnergyRampPlanner.Plan(machine, 1000e6, 999e6, 10e6).Plan;
}
