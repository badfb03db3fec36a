namespace Vepp2k.Control.Beam;

/// <summary>
/// Lifetime of a bunch from a simple Touschek and residual-gas model: 1/tau = 1/tau_gas + 1/tau_T, with
/// the Touschek rate proportional to the bunch current over its volume sigma_x sigma_z sigma_s (the
/// density of intra-beam scattering partners). Calibrated at the 1 GeV design: 1500 s Touschek at
/// 50 mA and 10^4 s gas (assumed; VEPP-2000 runs a single bunch per beam with lifetimes of the order
/// of an hour, docs/beam.md section 3).
/// </summary>
public sealed class BeamLifetime(double referenceVolume)
{
    public const double GasLifetime = 1e4, ReferenceTouschek = 1500, ReferenceCurrent = 0.05;

    /// <summary>Lifetime [s] of a bunch of <paramref name="current"/> [A] and volume sigma_x sigma_z sigma_s [m^3].</summary>
    public double Of(double current, double volume)
    {
        if (current <= 0) return double.PositiveInfinity;
        double touschek = ReferenceTouschek * (ReferenceCurrent / current) * (volume / referenceVolume);
        return 1 / (1 / GasLifetime + 1 / touschek);
    }
}
