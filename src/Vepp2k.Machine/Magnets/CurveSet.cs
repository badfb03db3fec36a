namespace Vepp2k.Machine.Magnets;

/// <summary>Which excitation curves a catalogue gives the iron dipoles and quadrupoles.</summary>
public enum CurveSet
{
    /// <summary>The magnetic-circuit model of Data/*.json (saturation and hysteresis modelled; the default).</summary>
    Analytic,
    /// <summary>
    /// The curves computed by the 2-D nonlinear magnetostatics of the cross-sections (Data/computed/*.csv,
    /// made by `vepp2k magnetics dipole|quad|quad6 --sweep --csv`): no hysteresis, assumed geometry and steel
    /// (docs/magnets/magnetostatics.md). The computed dipole reaches 2.24 T at the supply's 10 kA, below the 2.38 T
    /// of 1 GeV: on these curves the model's top energy is lower.
    /// </summary>
    Computed,
}
