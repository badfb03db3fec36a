using Vepp2k.Machine.Calibration;

namespace Vepp2k.Machine.Tests.Calibration;

public class SokolovTernovTests
{
    private const double Rho = 1.40, Circumference = 24.388;

    [Theory]
    [InlineData(1000e6)]
    [InlineData(750e6)]
    [InlineData(510e6)]
    public void RingTimeIsTheIsomagneticFormula(double energyEv)
    {
        // Engineering form (e.g. Sands; Montague, Phys. Rep. 113 (1984)): tau[s] = 98.66 rho^3[m] / E^5[GeV] in the
        // bend, times C / (2 pi rho) for a ring whose straights do not radiate. 98.66 checked by hand:
        // 8 / (5 sqrt 3) (m_e c^2 [GeV])^5 / (c r_e lambda_C) = 98.660 s.
        double e = energyEv / 1e9;
        double expected = 98.66 * Math.Pow(Rho, 3) / Math.Pow(e, 5) * Circumference / (2 * Math.PI * Rho);
        Assert.Equal(expected, SokolovTernov.RingTime(energyEv, Rho, Circumference), 2e-4 * expected);
    }

    [Fact]
    public void VeppTimesAreTheReferenceMinutesAndHours()
    {
        // beam-physics.md 4.3 [calc]: 12.5 min at 1 GeV, 6.0 h at 510 MeV.
        Assert.Equal(12.5, SokolovTernov.RingTime(1e9, Rho, Circumference) / 60, 0.05);
        Assert.Equal(6.0, SokolovTernov.RingTime(510e6, Rho, Circumference) / 3600, 0.05);
    }

    [Fact]
    public void PolarizationBuildsUpToEightOverFiveRootThree()
    {
        Assert.Equal(0.9238, SokolovTernov.AsymptoticPolarization, 1e-4);
        Assert.Equal(0.0, SokolovTernov.Polarization(0, 100), 12);
        Assert.Equal(0.9238 * (1 - 1 / Math.E), SokolovTernov.Polarization(100, 100), 1e-4);
        Assert.Equal(0.9238, SokolovTernov.Polarization(1e5, 100), 1e-4);
    }
}
