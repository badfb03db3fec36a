using Vepp2k.Physics;

namespace Vepp2k.Machine.Calibration;

/// <summary>
/// Initial-state radiation in the soft-photon (exponentiated leading-log) approximation of Kuraev and
/// Fadin, Sov. J. Nucl. Phys. 41, 466 (1985): the beams radiate a fraction x of s before colliding,
/// with density F(x) = beta x^(beta - 1), beta = (2 alpha / pi)(2 ln(W / m_e) - 1) (0.066 at the phi), so
/// <code>sigma_vis(W) = integral_0^x_max sigma_Born(W sqrt(1 - x)) beta x^(beta - 1) dx,</code>
/// x_max = 1 - (W_threshold / W)^2. The hard-photon terms and the vertex correction (1 + 3 beta / 4 + ...)
/// are dropped: they change the normalisation by a few percent, which the fit absorbs, and the line
/// shape far less. With t = x^beta the integrable singularity at x = 0 becomes a bounded integrand,
/// integral_0^(x_max^beta) sigma_Born(W sqrt(1 - t^(1 / beta))) dt, done by composite Simpson.
/// </summary>
public static class InitialStateRadiation
{
    /// <summary>Fine-structure constant (CODATA 2018).</summary>
    public const double Alpha = 7.297_352_5693e-3;

    private const int Intervals = 2000;

    public static double Beta(double cmEnergyEv) =>
        2 * Alpha / Math.PI * (2 * Math.Log(cmEnergyEv / Constants.ElectronMassEv) - 1);

    /// <summary>The radiatively corrected cross-section at W from a Born cross-section of W.</summary>
    public static double Convolve(Func<double, double> born, double cmEnergyEv, double thresholdEv)
    {
        if (cmEnergyEv <= thresholdEv) return 0;
        double beta = Beta(cmEnergyEv);
        double xMax = 1 - thresholdEv * thresholdEv / (cmEnergyEv * cmEnergyEv);
        double tMax = Math.Pow(xMax, beta), h = tMax / Intervals;
        double sum = 0;
        for (int i = 0; i <= Intervals; i++)
        {
            double x = Math.Pow(i * h, 1 / beta);
            double weight = i == 0 || i == Intervals ? 1 : i % 2 == 1 ? 4 : 2;
            sum += weight * born(cmEnergyEv * Math.Sqrt(1 - x));
        }
        return sum * h / 3;
    }
}
