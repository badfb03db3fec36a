namespace Vepp2k.Physics;

/// <summary>Physical constants (CODATA 2018, SI) and the radiation constants derived from them.</summary>
public static class Constants
{
    public const double SpeedOfLight = 299_792_458.0;            // m/s
    public const double ElementaryCharge = 1.602_176_634e-19;    // C
    public const double ElectronMassEv = 0.510_998_950_00e6;     // eV
    public const double ClassicalElectronRadius = 2.817_940_3262e-15; // m
    public const double ReducedComptonWavelength = 3.861_592_6796e-13; // m, hbar/(m_e c)
    public const double ElectronAnomaly = 1.159_652_181_28e-3;    // a_e

    /// <summary>C_gamma = 4 pi r_e / (3 (m_e c^2)^3) in m/eV^3: U0 = C_gamma E^4 I2 / (2 pi).</summary>
    public const double CGamma = 4 * Math.PI * ClassicalElectronRadius / 3.0
        / (ElectronMassEv * ElectronMassEv * ElectronMassEv);

    /// <summary>C_q = 55 hbar / (32 sqrt(3) m_e c) = 3.832e-13 m (Sands).</summary>
    public static readonly double Cq = 55.0 / (32.0 * Math.Sqrt(3.0)) * ReducedComptonWavelength;

    /// <summary>Magnetic rigidity B rho [T m] of an electron of total energy E [eV].</summary>
    public static double MagneticRigidity(double energyEv)
    {
        double pc = Math.Sqrt(energyEv * energyEv - ElectronMassEv * ElectronMassEv);
        return pc / SpeedOfLight;
    }

    public static double Gamma(double energyEv) => energyEv / ElectronMassEv;
}
