namespace Vepp2k.Control.Energy;

/// <summary>
/// Relative correction of the NMR energy scale at one energy: E = E_nmr (1 + Offset), with the
/// standard uncertainty of Offset and a line saying what it rests on.
/// </summary>
public readonly record struct EnergyCorrection(double Offset, double Uncertainty, string Basis);
