using Vepp2k.Physics;

namespace Vepp2k.Machine.Calibration;

/// <summary>
/// Radiative self-polarisation (Sokolov and Ternov, Sov. Phys. Dokl. 8, 1203 (1964); beam-physics.md 4.3).
/// In a uniform field of radius rho the polarisation builds up as P(t) = P_ST (1 - exp(-t / tau)), with
/// P_ST = 8 / (5 sqrt 3) and
/// <code>1 / tau_bend = (5 sqrt 3 / 8) r_e gamma^5 hbar / (m_e rho^3) = (5 sqrt 3 / 8) c r_e lambda_C gamma^5 / rho^3</code>
/// (lambda_C = hbar / (m_e c)). The beam radiates only in the bends, a fraction 2 pi rho / C of the
/// turn, so the ring's rate is the bend rate times that fraction: tau = tau_bend C / (2 pi rho).
/// That is the isomagnetic-ring formula tau[s] = 98.66 rho^2[m] R[m] / E^5[GeV]; it assumes all the
/// bending is by the dipoles of radius rho (correctors and the solenoids' orbit do not radiate) and
/// no depolarising resonance nearby.
/// </summary>
public static class SokolovTernov
{
    /// <summary>P_ST = 8 / (5 sqrt 3) = 0.9238.</summary>
    public static readonly double AsymptoticPolarization = 8.0 / (5.0 * Math.Sqrt(3.0));

    /// <summary>Polarisation time [s] inside a uniform field of radius <paramref name="bendRadius"/> [m].</summary>
    public static double BendTime(double energyEv, double bendRadius)
    {
        double gamma = Constants.Gamma(energyEv);
        double rate = 5.0 * Math.Sqrt(3.0) / 8.0 * Constants.SpeedOfLight * Constants.ClassicalElectronRadius
            * Constants.ReducedComptonWavelength * Math.Pow(gamma, 5) / Math.Pow(bendRadius, 3);
        return 1 / rate;
    }

    /// <summary>Polarisation time [s] averaged over a ring of circumference C [m] whose bends all have radius rho.</summary>
    public static double RingTime(double energyEv, double bendRadius, double circumference) =>
        BendTime(energyEv, bendRadius) * circumference / (2 * Math.PI * bendRadius);

    /// <summary>P(t) of a beam injected unpolarised, after <paramref name="time"/> seconds.</summary>
    public static double Polarization(double time, double polarizationTime) =>
        AsymptoticPolarization * (1 - Math.Exp(-time / polarizationTime));
}
