using Vepp2k.Control.Devices;
using Vepp2k.Control.Quench;

namespace Vepp2k.Control.Tests;

public class QuenchTests
{
    private readonly ManualTimeProvider _clock = new();

    private SuperconductingSolenoid Energised(double current)
    {
        var solenoid = new SuperconductingSolenoid("1S", _clock, seed: 3);
        foreach (var s in solenoid.Sections)
        {
            Assert.True(s.Supply.SetCurrent(current).Accepted);
            Assert.True(s.Supply.SwitchOn().Accepted);
        }
        var p = solenoid.Sections[0].Supply.Parameters;
        Run(solenoid, p.SwitchOnTime + current / p.MaxRampRate + 0.5);
        Assert.All(solenoid.Sections, s => Assert.Equal(current, s.CoilCurrent));
        return solenoid;
    }

    private void Run(SuperconductingSolenoid solenoid, double seconds, double chunk = 0.25)
    {
        for (var left = seconds; left > 1e-12; left -= chunk)
        {
            _clock.Advance(Math.Min(chunk, left));
            solenoid.Update();
        }
    }

    [Fact]
    public void Detection_follows_threshold_crossing_by_the_validation_time()
    {
        const double current = 20;
        var solenoid = Energised(current);
        var q = solenoid.Parameters;
        solenoid.InjectQuench("qS1");
        Run(solenoid, 0.1);

        var quench = Assert.Single(solenoid.Quenches);
        Assert.Equal("qS1", quench.QuenchedSection);
        // R_q(t) = k (t - t0) at constant current crosses V_th at t0 + V_th / (k I).
        var crossing = quench.Start + TimeSpan.FromSeconds(q.DetectionThreshold / (q.NormalZoneGrowthRate * current));
        var expected = crossing + TimeSpan.FromSeconds(q.ValidationTime);
        Assert.NotNull(quench.Detection);
        var lag = (quench.Detection.Value - expected).TotalSeconds;
        Assert.InRange(lag, -1e-9, q.SamplePeriod + 1e-9);
        Assert.Equal(quench.Detection + TimeSpan.FromSeconds(q.SwitchDelay), quench.SuppliesOff);

        Assert.All(solenoid.Sections, s =>
        {
            Assert.Equal(SupplyState.Interlock, s.Supply.State);
            Assert.Equal(InterlockBits.OutputProtection, s.Supply.LatchedInterlocks);
            Assert.Equal(0, s.Supply.LoadCurrent);
            Assert.NotNull(s.Discharge);
        });
        var refused = solenoid.Sections[1].Supply.ResetInterlocks();
        Assert.False(refused.Accepted);
        Assert.Contains("OutputProtection", refused.Reason);
    }

    [Fact]
    public void Currents_decay_with_L_over_R_and_the_stored_energy_is_accounted_for()
    {
        const double current = 40;
        var solenoid = Energised(current);
        var q = solenoid.Parameters;
        solenoid.InjectQuench("qS1");
        Run(solenoid, 0.05);
        var quench = Assert.Single(solenoid.Quenches);
        var off = quench.SuppliesOff!.Value;
        var quenched = solenoid.Sections[0];
        var healthy = solenoid.Sections[1];
        var l = healthy.Inductance;

        // Healthy section: pure dump, tau = L / R_d.
        Run(solenoid, 0.3);
        var t = (solenoid.SimulationTime - off).TotalSeconds;
        var i0 = healthy.Discharge!.CurrentAtSwitchOff;
        Assert.Equal(current, i0, 1e-9);
        Assert.Equal(i0 * Math.Exp(-t * q.DumpResistance / l), healthy.CoilCurrent, 1e-9 * current);

        // Quenched section once its normal zone is fully grown: tau = L / (R_d + R_q,max).
        Assert.Equal(q.NormalZoneMaxResistance, quenched.NormalZoneResistance);
        var ia = quenched.CoilCurrent;
        var ta = solenoid.SimulationTime;
        Run(solenoid, 0.4);
        var span = (solenoid.SimulationTime - ta).TotalSeconds;
        var tau = l / (q.DumpResistance + q.NormalZoneMaxResistance);
        Assert.Equal(ia * Math.Exp(-span / tau), quenched.CoilCurrent, 1e-9 * current);

        Run(solenoid, 10);
        Assert.NotNull(quench.Released);
        // The slowest section (tau = L/R_d) sets when every current is below 1 %.
        var onePercent = l / q.DumpResistance * Math.Log(100);
        Assert.InRange((quench.CurrentBelowOnePercent!.Value - off).TotalSeconds, onePercent - 1e-9, onePercent + q.SamplePeriod + 1e-9);
        foreach (var d in quench.Discharges)
        {
            Assert.Equal(0.5 * l * current * current, d.StoredEnergy, 1e-9);
            Assert.Equal(d.StoredEnergy, d.EnergyInDump + d.EnergyInNormalZone, 0.01 * d.StoredEnergy);
        }
        Assert.True(quench.Discharges[0].EnergyInNormalZone > 0.2 * quench.Discharges[0].StoredEnergy);
        Assert.Equal(0, quench.Discharges[1].EnergyInNormalZone);
        Assert.True(quench.NormalZoneEnergyBeforeSwitchOff > 0);

        Assert.All(solenoid.Sections, s =>
        {
            Assert.Equal(InterlockBits.None, s.Supply.LiveInterlocks);
            Assert.True(s.Supply.ResetInterlocks().Accepted);
        });
    }

    [Fact]
    public void Exceeding_the_critical_current_quenches_the_section()
    {
        var solenoid = new SuperconductingSolenoid("2S", _clock, seed: 5);
        var extra = solenoid.Sections[2];
        var p = extra.Supply.Parameters;
        var target = extra.CriticalCurrent + 10;
        var t0 = _clock.GetUtcNow();
        extra.Supply.SetCurrent(-target);
        extra.Supply.SwitchOn();
        Run(solenoid, p.SwitchOnTime + target / p.MaxRampRate, chunk: 1);

        var quench = Assert.Single(solenoid.Quenches);
        Assert.Equal(extra.Name, quench.QuenchedSection);
        // The ramp passes |I| = I_c after the switch-on time plus I_c / (dI/dt limit).
        var expectedStart = t0 + TimeSpan.FromSeconds(p.SwitchOnTime + extra.CriticalCurrent / p.MaxRampRate);
        Assert.InRange((quench.Start - expectedStart).TotalSeconds, -0.002, 0.002);
        Assert.NotNull(quench.SuppliesOff);
        Assert.True(quench.Discharges[2].CurrentAtSwitchOff < -extra.CriticalCurrent);
    }
}
