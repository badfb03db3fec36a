using Vepp2k.Physics;

namespace Vepp2k.Machine.Calibration;

/// <summary>
/// Spin tune of a planar ring without longitudinal fields, nu = gamma a_e (Thomas-BMT; beam-physics.md 4.3).
/// VEPP-2000's final-focus solenoids must be compensated ("+ -" pairs) for this to hold; the
/// simulation assumes they are.
/// </summary>
public static class SpinTune
{
    public static double FromEnergy(double energyEv) => Constants.Gamma(energyEv) * Constants.ElectronAnomaly;

    /// <summary>Total energy E = (nu / a_e) m_e c^2: 440.648 MeV per unit of spin tune.</summary>
    public static double ToEnergy(double spinTune) => spinTune / Constants.ElectronAnomaly * Constants.ElectronMassEv;
}
