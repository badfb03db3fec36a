namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The visible phi line shape per unit Born peak cross-section: Breit-Wigner, then initial-state
/// radiation, then the Gaussian spread of the collision energy, sigma_W = sqrt 2 sigma_E (two
/// independent beams, each with rms energy spread sigma_E = sigma_delta E).
/// </summary>
public sealed class PhiLineShape(double relativeEnergySpread)
{
    // Simpson over +-5 sigma_W: sigma_W (0.27 MeV) is well below Gamma, so 20 intervals resolve the smooth integrand.
    private const int Intervals = 20;
    private const double Reach = 5;

    public double RelativeEnergySpread { get; } = relativeEnergySpread;

    /// <summary>rms spread of the c.m. energy [eV] at c.m. energy W: sqrt 2 sigma_delta (W / 2).</summary>
    public double CmEnergySpread(double cmEnergyEv) => Math.Sqrt(2) * RelativeEnergySpread * cmEnergyEv / 2;

    public double Radiative(double cmEnergyEv) =>
        InitialStateRadiation.Convolve(PhiResonance.BreitWigner, cmEnergyEv, PhiResonance.ThresholdEv);

    /// <summary>sigma_vis(W) / sigma_Born(M): what a detector of unit efficiency sees at nominal c.m. energy W.</summary>
    public double Visible(double cmEnergyEv)
    {
        double sigma = CmEnergySpread(cmEnergyEv);
        if (sigma <= 0) return Radiative(cmEnergyEv);
        double sum = 0, norm = 0;
        for (int i = 0; i <= Intervals; i++)
        {
            double u = -Reach + i * 2 * Reach / Intervals;
            double weight = (i == 0 || i == Intervals ? 1 : i % 2 == 1 ? 4 : 2) * Math.Exp(-u * u / 2);
            sum += weight * Radiative(cmEnergyEv + u * sigma);
            norm += weight;
        }
        // Dividing by the same rule's Gaussian sum keeps the kernel normalised to 1 exactly.
        return sum / norm;
    }
}
