namespace Vepp2k.Machine.Calibration;

/// <summary>
/// The phi(1020) as the scan sees it: PDG mass and width (pdglive M004M, 2018-2022 average;
/// beam-physics.md 4.2) and a relativistic Breit-Wigner with constant width, normalised to 1 at W = M.
/// The energy-dependent P-wave width and the interference with the rho/omega tails are left out: they
/// change the shape at the per-mille level, which a fit with the same model cannot see but a real
/// scan would have to include.
/// </summary>
public static class PhiResonance
{
    /// <summary>M_phi = 1019.461 +- 0.016 MeV (PDG).</summary>
    public const double MassEv = 1019.461e6;
    public const double MassUncertaintyEv = 0.016e6;

    /// <summary>Gamma_phi = 4.249 +- 0.013 MeV (PDG).</summary>
    public const double WidthEv = 4.249e6;

    /// <summary>Threshold 2 m_K+ = 987.354 MeV (PDG m_K+ = 493.677 MeV): below it the K+K- final state cannot be made.</summary>
    public const double ThresholdEv = 2 * 493.677e6;

    /// <summary>sigma_Born(W) / sigma_Born(M) = M^2 Gamma^2 / ((W^2 - M^2)^2 + M^2 Gamma^2).</summary>
    public static double BreitWigner(double cmEnergyEv)
    {
        const double m2 = MassEv * MassEv, mg2 = m2 * WidthEv * WidthEv;
        double d = cmEnergyEv * cmEnergyEv - m2;
        return mg2 / (d * d + mg2);
    }
}
