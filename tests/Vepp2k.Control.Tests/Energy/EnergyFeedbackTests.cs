using Vepp2k.Control.Energy;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Energy;

public class EnergyFeedbackTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    // Two plants the feedback does not know: (a) linear, E = E0 I / I0, with I0 0.3 % above the model's
    // 1 GeV current (valid below ~1.6 T where the iron is linear to 0.3 %); (b) the saturating dipole
    // model with its energy scale 0.3 % off, as an uncalibrated NMR/B rho scale would be.
    private static readonly double I0 = Catalogue.DipoleCurrent(1e9) * 1.003;
    private static double Linear(double current) => 1e9 * current / I0;
    private static double Scaled(double current) => 1.003 * Catalogue.BeamEnergy(current);

    private static EnergyMeasured Measured(double energy, double noise = 1e3) =>
        new(energy, 1e6, noise, 0, energy, new EnergyCorrection(0, 0, "test"), ["1M1", "1M2"], []);

    [Theory]
    [InlineData(false, 0.90e9, 0.95e9)]
    [InlineData(false, 0.95e9, 0.90e9)]
    [InlineData(true, 0.500e9, PhiMeson.BeamEnergyEv)]
    [InlineData(true, 0.400e9, 0.390e9)]
    public void Converges_without_overshoot_and_within_the_step_limit(bool linear, double start, double target)
    {
        Func<double, double> plant = linear ? Linear : Scaled;
        var feedback = new EnergyFeedback(Catalogue, gain: 0.5, maxStep: 20);
        double current = Catalogue.DipoleCurrent(start / 1.003);
        double sign = Math.Sign(target - plant(current));
        int steps = 0;
        for (; steps < 500; steps++)
        {
            var step = feedback.Next(target, Measured(plant(current)), current);
            if (!step.Acts) break;
            Assert.True(Math.Abs(step.CurrentSetpoint - current) <= 20 + 1e-9, $"step {step.CurrentSetpoint - current} A");
            current = step.CurrentSetpoint;
            // Never past the target (the error keeps its sign) ...
            Assert.True(sign * (target - plant(current)) >= -1e3, $"overshoot to {plant(current)}");
        }
        Assert.True(steps is > 5 and < 500, $"settled after {steps} steps");
        // ... and it stops once the error is inside the 1 keV measurement noise.
        Assert.InRange(plant(current), target - 1e3, target + 1e3);
    }

    [Fact]
    public void Holds_when_the_energy_is_unavailable()
    {
        var feedback = new EnergyFeedback(Catalogue);
        var none = new EnergyUnavailable("energy unavailable: 1 usable NMR probe(s)", ["1M1"], []);
        var step = feedback.Next(0.95e9, none, 9000);
        Assert.False(step.Acts);
        Assert.Equal(9000, step.CurrentSetpoint);
        Assert.Contains("unavailable", step.Reason);
    }

    [Fact]
    public void Holds_for_a_target_outside_the_machine_range()
    {
        var step = new EnergyFeedback(Catalogue).Next(1.2e9, Measured(0.95e9), 9000);
        Assert.False(step.Acts);
        Assert.Contains("outside", step.Reason);
    }

    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(double.NaN, 1.0)]
    [InlineData(0.5, 0.0)]
    [InlineData(0.5, double.PositiveInfinity)]
    public void Refuses_a_gain_outside_0_1_or_a_bad_step_limit(double gain, double maxStep) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EnergyFeedback(Catalogue, gain, maxStep));
}
