namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// Second moments of a bunch in one transverse plane at the IP, angles as dx/ds in the lab: what
/// the hourglass needs, since in a field-free region sigma^2(s) = Var + 2 Cov s + AngleVar s^2.
/// </summary>
public readonly record struct PlaneMoments(double Variance, double Covariance, double AngleVariance)
{
    /// <summary>An uncoupled beam of emittance eps [m] with Twiss beta*, alpha* at the IP.</summary>
    public static PlaneMoments FromTwiss(double emittance, double beta, double alpha = 0) =>
        new(emittance * beta, -emittance * alpha, emittance * (1 + alpha * alpha) / beta);

    /// <summary>sigma^2 at distance s from the IP [m^2].</summary>
    public double VarianceAt(double s) => Variance + s * (2 * Covariance + s * AngleVariance);

    /// <summary>d(sigma^2)/ds at distance s from the IP [m].</summary>
    public double SlopeAt(double s) => 2 * (Covariance + s * AngleVariance);
}
