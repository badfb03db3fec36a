using Vepp2k.Machine.Calibration;

namespace Vepp2k.Machine.Tests.Calibration;

public class SpinTuneTests
{
    [Fact]
    public void SpinTuneAt750MeVIsTheTextbookEOver440_65()
    {
        // Textbook: nu = E[MeV] / 440.65 (m_e c^2 / a_e = 0.51099895 / 1.15965218e-3 = 440.648 MeV).
        Assert.Equal(750 / 440.65, SpinTune.FromEnergy(750e6), 1e-5 * 750 / 440.65);
        Assert.Equal(750e6, SpinTune.ToEnergy(SpinTune.FromEnergy(750e6)), 1e-6);
    }

    [Fact]
    public void DepolarizerLinesAtThePhiPointAreThoseOfTheReference()
    {
        // beam-physics.md 4.2 [calc, mpmath]: at 509.7305 MeV nu = 1.156774, f0 (nu - 1) = 1.92716 MHz, f0 (2 - nu) = 10.36546 MHz,
        // with f0 = c / 24.388 m = 12.29262 MHz.
        double nu = SpinTune.FromEnergy(509.7305e6);
        Assert.Equal(1.156774, nu, 1e-6);
        double f0 = 299_792_458.0 / 24.388;
        var line = DepolarizerLine.ForSpinTune(nu);
        Assert.Equal(1.92716e6, line.Frequency(nu, f0), 10.0);
        Assert.Equal(10.36546e6, new DepolarizerLine(2, true).Frequency(nu, f0), 10.0);
        Assert.Equal(nu, line.SpinTune(line.Frequency(nu, f0), f0), 1e-12);
        Assert.Equal(nu, new DepolarizerLine(2, true).SpinTune(10.36546e6, f0), 1e-6);
    }
}
