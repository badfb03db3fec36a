using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Nmr;

/// <summary>
/// NMR probe in one dipole (VEPP/NMR/Measured/qMk). It measures |B| with ppm precision, and only while the
/// field lies inside its lock window. The true field comes from a delegate, so the probe can sit on any
/// field model (a dipole current transfer function, a measured map, a test constant).
/// </summary>
public sealed class NmrProbe(string name, NmrParameters parameters, Func<double> trueField, int seed) : INmrProbe
{
    private readonly GaussianNoise _noise = new(seed);

    public string Name { get; } = name;

    public NmrParameters Parameters { get; } = parameters;

    public NmrReading Read()
    {
        var field = Math.Abs(trueField());
        if (field < Parameters.LockMin || field > Parameters.LockMax)
            return new NmrReading(NmrStatus.NoLock, null);
        return new NmrReading(NmrStatus.Locked, field + _noise.Next(Parameters.NoisePpm * 1e-6 * field));
    }
}
