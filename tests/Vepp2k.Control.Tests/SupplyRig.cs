using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Tests;

/// <summary>A simulated supply of one class on its own hand-moved clock.</summary>
internal sealed class SupplyRig
{
    public SupplyRig(string className, int seed = 1)
    {
        Supply = new SimulatedPowerSupply(className, SupplyCatalog.Get(className), Clock, seed);
    }

    public ManualTimeProvider Clock { get; } = new();

    public SimulatedPowerSupply Supply { get; }

    public SupplyParameters P => Supply.Parameters;

    public void Run(double seconds)
    {
        Clock.Advance(seconds);
        Supply.Update();
    }

    /// <summary>Switches on and waits until the regulator is enabled.</summary>
    public void On()
    {
        Assert.True(Supply.SwitchOn().Accepted);
        Run(P.SwitchOnTime + 0.01);
        Assert.Equal(SupplyState.On, Supply.State);
    }

    /// <summary>Steps in <paramref name="step"/> until the current sits on its setpoint; returns the time taken.</summary>
    public double TimeToReach(double target, double step, double limit)
    {
        double t = 0;
        while (Supply.LoadCurrent != target)
        {
            Assert.True(t < limit, $"{Supply.Name}: not at {target} A after {limit} s (I = {Supply.LoadCurrent} A)");
            Run(step);
            t += step;
        }
        return t;
    }
}
