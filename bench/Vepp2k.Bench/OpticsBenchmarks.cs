using BenchmarkDotNet.Attributes;
using Vepp2k.MadX;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Bench;

/// <summary>
/// Issue targets: full optics of the VEPP-2000 ring (coupled functions at every element,
/// chromaticity, 6-D envelope) under 1 ms; a 1000-point tune scan (two quadrupole families varied,
/// tunes and chromaticity recomputed from the MAD-X knobs) under 1 s. Both on the design ring as
/// vepp2k computes it: solenoids sliced from the coils' field profile.
/// </summary>
[MemoryDiagnoser]
public class OpticsBenchmarks
{
    private Lattice ring = null!;
    private MadxDocument document = null!;
    private double f1, d1;

    [GlobalSetup]
    public void Setup()
    {
        ring = Modes.Load(Modes.Default).Lattice;
        document = MadxReader.ParseText(Modes.Text(Modes.Default), "design-1GeV.madx");
        f1 = document.GetVariable("k_1f1");
        d1 = document.GetVariable("k_1d1");
    }

    /// <summary>Everything `vepp2k optics` computes: linear coupled optics, chromaticity, I1..I5, Ohmi envelope.</summary>
    [Benchmark]
    public RingOptics FullOptics() => RingOptics.Compute(ring);

    /// <summary>1000 points over a 2% x 2% grid of the F1 and D1 families: knob -> MAD-X expand -> field-profile slices -> tunes + chromaticity.</summary>
    [Benchmark]
    public double TuneScan1000()
    {
        double sum = 0;
        for (int i = 0; i < 1000; i++)
        {
            double kf = f1 * (0.99 + 0.0002 * (i % 100)), kd = d1 * (0.99 + 0.002 * (i / 100));
            for (int q = 1; q <= 4; q++)
            {
                document.SetVariable($"k_{q}f1", kf);
                document.SetVariable($"k_{q}d1", kd);
            }
            var lattice = SolenoidFieldOptics.Apply(MadxLattice.Build(document).Lattice, MagnetCatalogue.Default);
            var linear = LinearOptics.Compute(lattice);
            var xi = Chromaticity.Compute(lattice, linear.Modes, linear.Dispersion0);
            sum += linear.Tunes[0] + xi[0];
        }
        return sum;
    }
}
