using Vepp2k.Control.Devices;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Interlocks;

/// <summary>
/// Judges a request as a whole before anything moves: every target inside its drive limits (refused,
/// never clamped; a solenoid section's drive limits are the current of its 13 T / 8 T coil limit,
/// from the catalogue), SC solenoid sections changing sign only at zero
/// current, no element off, switching off, tripped or quenched. An element already ramping is not a
/// refusal: the new request takes it over from where it is. The first violation refuses the whole
/// request, so a refused request changes nothing.
/// </summary>
public sealed class RequestGuard(MagnetSystem machine)
{
    public string? Check(IReadOnlyList<RampLeg> legs)
    {
        foreach (var leg in legs)
        {
            if (Check(leg) is { } reason) return reason;
        }
        return null;
    }

    private string? Check(RampLeg leg)
    {
        var e = leg.Element;
        var supply = e.Supply;
        double target = leg.Target;
        if (!double.IsFinite(target)) return $"{e.Name}: target {target} A is not a finite number";
        double low = e.Model.MinCurrent, high = e.Model.MaxCurrent;
        if (target < low || target > high)
            return $"{e.Name}: {target:F3} A is outside the drive limits [{low:G6}, {high:G6}] A";
        if (supply.State == SupplyState.Interlock)
            return $"{e.Name}: supply tripped ({supply.LatchedInterlocks}); reset its interlocks first";
        if (supply.State is SupplyState.Off or SupplyState.SwitchingOff)
            return $"{e.Name}: supply is {supply.State}; switch it on first";
        if (e.IsSolenoid) return CheckSolenoid(leg);
        return null;
    }

    private string? CheckSolenoid(RampLeg leg)
    {
        var e = leg.Element;
        var solenoid = machine.SolenoidOf(e);
        if (solenoid.Discharging)
            return $"{e.Name}: solenoid {solenoid.Name} is quenched or discharging; wait for the discharge to end and reset";
        double now = e.Supply.Dcct1;
        double zero = e.Supply.Parameters.ZeroCurrentThreshold;
        if (leg.Target * now < 0 && Math.Abs(now) > zero)
            return $"{e.Name}: polarity reversal only at zero current (now {now:F2} A); ramp to 0 A first";
        return null;
    }

    /// <summary>
    /// Switching the dipole supply off while SC solenoids carry current drops the beam energy under
    /// focusing set for full energy: allowed only with an explicit confirmation.
    /// </summary>
    public string? CheckSwitchOff(PoweredElement e, bool confirmed)
    {
        if (e != machine.DipoleSupply || confirmed) return null;
        var powered = machine.Elements.Where(x => x.IsSolenoid && Math.Abs(x.Supply.Dcct1) > x.Supply.Parameters.ZeroCurrentThreshold)
            .Select(x => x.Name).ToList();
        return powered.Count == 0 ? null
            : $"switching off the dipole supply with solenoids powered ({string.Join(" ", powered)}) needs confirmation";
    }
}
