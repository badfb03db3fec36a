using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Tests;

public class RampTests
{
    public static TheoryData<string> Classes =>
        [SupplyCatalog.Dipole, SupplyCatalog.Quadrupole, SupplyCatalog.Solenoid, SupplyCatalog.Corrector];

    /// <summary>
    /// Independent truth: from zero the current follows the dI/dt limit until R I + L dI/dt reaches Vmax at
    /// I_c = (Vmax - L rate)/R; beyond I_c it obeys L dI/dt = Vmax - R I, solved in closed form.
    /// </summary>
    private static double AnalyticRampTime(SupplyParameters p, double target)
    {
        double r = p.LoadResistance, l = p.LoadInductance, v = p.MaxVoltage, rate = p.MaxRampRate;
        var crossover = (v - l * rate) / r;
        if (target <= crossover)
            return target / rate;
        var start = Math.Max(crossover, 0);
        return start / rate + l / r * Math.Log((v - r * start) / (v - r * target));
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Full_scale_ramp_takes_the_analytic_time(string cls)
    {
        var rig = new SupplyRig(cls);
        rig.On();
        var target = rig.P.MaxCurrent;
        Assert.True(rig.Supply.SetCurrent(target).Accepted);
        var step = 0.01;
        var measured = rig.TimeToReach(target, step, 1000);

        var expected = AnalyticRampTime(rig.P, target);
        var rateOnly = target / rig.P.MaxRampRate;
        var voltageOnly = -rig.P.LoadInductance / rig.P.LoadResistance
            * Math.Log(1 - rig.P.LoadResistance * target / rig.P.MaxVoltage);
        Assert.True(expected >= Math.Max(rateOnly, voltageOnly) - 1e-12, "the slower limit must set the pace");
        Assert.InRange(measured, expected - 1e-9, expected + 2 * step);
    }

    [Fact]
    public void Both_limits_are_exercised_by_the_catalog()
    {
        // The quadrupole and corrector ramps end voltage-limited, the dipole and solenoid ramps rate-limited.
        static double Crossover(SupplyParameters p) => (p.MaxVoltage - p.LoadInductance * p.MaxRampRate) / p.LoadResistance;
        Assert.True(Crossover(SupplyCatalog.Get(SupplyCatalog.Quadrupole)) < 300);
        Assert.True(Crossover(SupplyCatalog.Get(SupplyCatalog.Corrector)) < 6);
        Assert.True(Crossover(SupplyCatalog.Get(SupplyCatalog.Dipole)) > 10000);
    }

    [Fact]
    public void Voltage_sits_at_the_limit_during_the_voltage_limited_part()
    {
        var rig = new SupplyRig(SupplyCatalog.Quadrupole);
        rig.On();
        rig.Supply.SetCurrent(300);
        rig.Run(2.95);
        // 295 A is reached at about 2.9 s; near the top only the voltage limit holds the current back.
        Assert.True(rig.Supply.LoadCurrent < rig.Supply.RampedSetpoint);
        Assert.InRange(rig.Supply.OutputVoltage, rig.P.MaxVoltage * 0.999, rig.P.MaxVoltage);
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void Readbacks_scatter_at_the_stability_class(string cls)
    {
        var rig = new SupplyRig(cls, seed: 7);
        rig.On();
        rig.Supply.SetCurrent(rig.P.MaxCurrent / 2);
        rig.TimeToReach(rig.P.MaxCurrent / 2, 0.5, 1000);
        const int n = 4000;
        double sum1 = 0, sum2 = 0, max = 0;
        for (var i = 0; i < n; i++)
        {
            rig.Run(0.001);
            var d1 = rig.Supply.Dcct1 - rig.Supply.LoadCurrent;
            var d2 = rig.Supply.Dcct2 - rig.Supply.LoadCurrent;
            sum1 += d1 * d1;
            sum2 += d2 * d2;
            max = Math.Max(max, Math.Max(Math.Abs(d1), Math.Abs(d2)));
        }
        var sigma = rig.P.StabilityPpm * 1e-6 * rig.P.MaxCurrent;
        Assert.InRange(Math.Sqrt(sum1 / n), 0.95 * sigma, 1.05 * sigma);
        Assert.InRange(Math.Sqrt(sum2 / n), 0.95 * sigma, 1.05 * sigma);
        Assert.True(max < 5 * sigma);
    }

    [Theory]
    [MemberData(nameof(Classes))]
    public void One_long_step_equals_many_short_ones(string cls)
    {
        // Stop mid-ramp so both the rate-limited and (for quads, correctors) voltage-limited regimes are in the window.
        var p = SupplyCatalog.Get(cls);
        var start = 0.8 * AnalyticRampTime(p, p.MaxCurrent);
        double Final(double[] steps)
        {
            var rig = new SupplyRig(cls);
            rig.On();
            rig.Supply.SetCurrent(p.MaxCurrent);
            rig.Run(start);
            foreach (var s in steps)
                rig.Run(s);
            return rig.Supply.LoadCurrent;
        }
        var one = Final([1.0]);
        Assert.Equal(one, Final(Enumerable.Repeat(0.1, 10).ToArray()), 1e-9 * p.MaxCurrent);
        // Off the internal 1 ms grid the pieces differ, yet the exact exponential keeps the result.
        Assert.Equal(one, Final(Enumerable.Repeat(1.0 / 7, 7).ToArray()), 1e-5 * p.MaxCurrent);
    }
}
