using Vepp2k.Control.Operations;
using Vepp2k.Control.Tests.Core;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>The standardisation cycle: every iron supply through its whole range and back, nothing else moved, only when confirmed.</summary>
public class StandardisationTests
{
    [Fact]
    public async Task Every_iron_supply_runs_its_full_range_twice_and_returns_where_it_was()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var before = rig.System.Machine.Elements.ToDictionary(e => e, e => e.Request);
        var refused = core.Standardise(ControlRig.Operator);
        Assert.False(refused.Applied);
        Assert.Contains("confirm", refused.Message);

        var result = core.Standardise(ControlRig.Operator with { Confirmed = true }, cycles: 2);
        Assert.True(result.Applied, result.Message);
        var iron = rig.System.Machine.Elements.Where(e => e.Model.Kind is MagnetKind.Dipole or MagnetKind.Quadrupole).ToList();
        Assert.Equal(iron.Count, core.FindRamp(result.RampId!.Value)!.Legs.Count);
        var highs = iron.ToDictionary(e => e, _ => 0);
        var lows = iron.ToDictionary(e => e, _ => 0);
        for (int i = 0; i < 100_000 && !result.Done!.IsCompleted; i++)
        {
            rig.Run(0.1);
            foreach (var e in iron)
            {
                // Count each arrival at an end once (a new visit after having been at the other end).
                if (e.Supply.Setpoint >= e.Model.MaxCurrent - 1e-9 && highs[e] == lows[e]) highs[e]++;
                if (e.Supply.Setpoint <= Math.Max(e.Model.MinCurrent, 0) + 1e-9 && lows[e] == highs[e] - 1) lows[e]++;
            }
            foreach (var e in rig.System.Machine.Elements.Except(iron)) Assert.Equal(before[e], e.Supply.Setpoint);
        }
        Assert.True((await result.Done!).Applied);
        Assert.All(iron, e => Assert.Equal(2, highs[e]));
        Assert.All(iron, e => Assert.Equal(2, lows[e]));
        Assert.All(rig.System.Machine.Elements, e => Assert.Equal(before[e], e.Request, 9));
        Assert.Equal(1000e6, core.EnergyEv, 1e-3);
    }
}
