using System.Globalization;

namespace Vepp2k.Machine.Magnets;

/// <summary>The operating energy range of VEPP-2000 (published: 160 MeV to 1 GeV per beam).</summary>
public static class BeamEnergyRange
{
    public const double MinEv = 0.16e9;
    public const double MaxEv = 1.0e9;

    /// <summary>
    /// How far a measured energy may lie outside the range (relative): the machine set to 1 GeV reads
    /// 1000.0001 MeV on a noisy NMR, and the true energy differs from the NMR scale by up to this much
    /// (the largest offset a calibration entry may show, EnergyCalibration.MaxOffset).
    /// </summary>
    public const double MeasurementSlack = 0.01;

    /// <summary>True for an energy a measurement of the machine within its range can give.</summary>
    public static bool Measurable(double energyEv) =>
        energyEv >= MinEv * (1 - MeasurementSlack) && energyEv <= MaxEv * (1 + MeasurementSlack);

    public static void Check(double energyEv)
    {
        // Round-off slack: an energy computed back from a current may miss 1 GeV by an ulp.
        if (!(energyEv >= MinEv * (1 - 1e-12) && energyEv <= MaxEv * (1 + 1e-12)))
            throw new ArgumentOutOfRangeException(nameof(energyEv), energyEv,
                string.Create(CultureInfo.InvariantCulture, $"beam energy {energyEv / 1e9:G6} GeV is outside the VEPP-2000 range 0.16 .. 1.0 GeV"));
    }
}
