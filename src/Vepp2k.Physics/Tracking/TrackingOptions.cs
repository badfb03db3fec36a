namespace Vepp2k.Physics.Tracking;

/// <summary>
/// How a beam is tracked. Radiation switches classical damping inside the bends on (the lattice is
/// then walked in its radiative integration steps, <see cref="Lattice.RadiationSteps"/>); quantum
/// excitation adds the random photon kicks at the same points and needs radiation on. A particle
/// whose |x| or |y| exceeds the aperture after any element, or whose coordinates are no longer
/// numbers, is lost there.
/// </summary>
public sealed record TrackingOptions(
    bool Radiation = false,
    bool QuantumExcitation = false,
    double ApertureX = 0.05,
    double ApertureY = 0.05,
    ulong Seed = 1,
    int Threads = 0,
    double RadiationSliceLength = 0.1)
{
    /// <summary>Threads to use: the option, or every core when it is zero.</summary>
    public int ThreadCount => Threads > 0 ? Threads : Environment.ProcessorCount;
}
