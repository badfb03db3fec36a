using System.CommandLine;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>The beam-beam physics options weakstrong and scan share.</summary>
public static class PhysicsOptions
{
    public static Option<double> DampingAcceleration() => new("--damping-acceleration")
    {
        Description = "multiply the damping decrements and the quantum excitation by this factor (same equilibrium, reached in 1/A of the turns)",
        DefaultValueFactory = _ => 1,
    };

    public static Option<BeamBeamModel> Model() => new("--model")
    {
        Description = "lattice: every element; linear: one linear 6-D map with damping, excitation and chromatic phase per stretch between IPs",
        DefaultValueFactory = _ => BeamBeamModel.Lattice,
    };

    public static Option<int> TuneTurns() => new("--tune-turns")
    {
        Description = "turns of the small-amplitude tune measurement",
        DefaultValueFactory = _ => 1024,
    };

    public static Option<int> Samples() => new("--samples")
    {
        Description = "beam snapshots the sizes and the luminosity are averaged over (the first after --turns)",
        DefaultValueFactory = _ => 1,
    };

    public static Option<int> SampleInterval() => new("--sample-interval")
    {
        Description = "turns between snapshots",
        DefaultValueFactory = _ => 1000,
    };

    public static Option<int> Iterations() => new("--iterations")
    {
        Description = "quasi-strong-strong: refresh the strong bunches from the weak beam's moments this many times, each followed by --turns more turns (0: weak-strong)",
        DefaultValueFactory = _ => 0,
    };

    public static double Acceleration(double value) =>
        value >= 1 ? value : throw new ArgumentException($"--damping-acceleration must be at least 1 (got {value})");
}
