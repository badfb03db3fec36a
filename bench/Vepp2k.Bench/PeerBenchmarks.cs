using BenchmarkDotNet.Attributes;
using Vepp2k.Machine;
using Vepp2k.Machine.Ring;
using Vepp2k.MadX;
using Vepp2k.Physics;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Bench;

/// <summary>
/// The operations bench/peers/speed.py times in MAD-X, on the same ring: the design as the --madx export
/// writes it (field-profile solenoids as 600 solenoid pieces, 843 lines), read back by our reader. Run
/// them in the same session as speed.py for same-run ratios (docs/benchmarks.md).
/// </summary>
[MemoryDiagnoser]
public class PeerBenchmarks
{
    private Lattice ring = null!;

    /// <summary>The design (MAD-X's rings) or no-solenoids (the one pyAT can read).</summary>
    [Params("design-1GeV", "no-solenoids")]
    public string Mode { get; set; } = Modes.Default;

    [GlobalSetup]
    public void Setup()
    {
        var built = Modes.Load(Mode).Lattice;
        var export = LatticeWriter.Write(built, Mode, "peer benchmark", ModeDesigns.ProvenanceOf(Mode), built.EnergyEv, portableNames: true);
        ring = MadxLattice.Build(MadxReader.ParseText(export)).Lattice;
    }

    /// <summary>MAD-X TWISS: closed orbit, coupled lattice functions at every element, tunes.</summary>
    [Benchmark]
    public LinearOptics Twiss() => LinearOptics.Compute(ring);

    /// <summary>MAD-X TWISS with CHROM, pyAT linopt6 with chromaticity.</summary>
    [Benchmark]
    public double[] TwissChrom()
    {
        var linear = LinearOptics.Compute(ring);
        return Chromaticity.Compute(ring, linear.Modes, linear.Dispersion0);
    }

    /// <summary>MAD-X EMIT and pyAT ohmi_envelope: the radiative equilibrium (ours: the Ohmi envelope with radiation inside the dipoles).</summary>
    [Benchmark]
    public Envelope Emit() => Envelope.Compute(ring);
}
