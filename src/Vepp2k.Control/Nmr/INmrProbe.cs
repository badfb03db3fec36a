namespace Vepp2k.Control.Nmr;

/// <summary>An NMR probe in a dipole as the energy measurement reads it (simulated or a real magnetometer).</summary>
public interface INmrProbe
{
    string Name { get; }

    /// <summary>One reading: the field when locked, or no lock outside the probe's window.</summary>
    NmrReading Read();
}
