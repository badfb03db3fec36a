namespace Vepp2k.Machine.Magnets;

/// <summary>Which excitation curves a catalogue gives the iron quadrupoles.</summary>
public enum CurveSet
{
    /// <summary>The magnetic-circuit model of Data/*.json (saturation and hysteresis modelled; the default).</summary>
    Analytic,
    /// <summary>
    /// The curves computed by the 2-D nonlinear magnetostatics of the cross-sections (Data/computed/*.csv,
    /// made by `vepp2k magnetics quad|quad6 --sweep --csv`): no hysteresis, assumed geometry and steel
    /// (docs/magnets/magnetostatics.md). The dipoles keep the analytic curve: its computed one is not checked in.
    /// </summary>
    Computed,
}
