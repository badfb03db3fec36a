using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    /// <summary>Default pace of an energy ramp [eV/s] when the operator gives none (the supplies may impose a slower one).</summary>
    public const double DefaultEnergyRateEvPerSecond = 10e6;

    /// <summary>The energy last asked for [eV]; null until someone asks.</summary>
    public double? RequestedEnergyEv { get; private set; }

    /// <summary>
    /// Moves the whole machine to another beam energy with every strength kept (<see cref="EnergyRampPlanner"/>):
    /// one synchronised table ramp of every powered supply, planned and checked whole before anything
    /// moves. Refused while another ramp runs (its elements would be taken over mid-way and the
    /// machine left at no single energy). Pause, resume and abort act on it as on any ramp; whenever
    /// it stops, every element is at the same energy.
    /// </summary>
    public OperationResult SetEnergy(WriteContext who, double targetEv, double rateEvPerSecond = DefaultEnergyRateEvPerSecond)
    {
        string description = string.Create(CultureInfo.InvariantCulture, $"energy to {targetEv / 1e6:F3} MeV at {rateEvPerSecond / 1e6:G4} MeV/s");
        if (Authorize(who, description, "change the machine") is { } denied) return OperationResult.Refused(denied.Message) with { Denied = true };
        lock (_gate)
        {
            Machine.Update();
            if (RampInFlight("before changing the energy") is { } busy) return Refuse(who, description, busy);
            double from = EnergyEv;
            var (plan, refusal) = EnergyRampPlanner.Plan(Machine, from, targetEv, rateEvPerSecond);
            if (plan is null) return Refuse(who, description, refusal!);
            var result = Start(who, plan.Legs, description, plan);
            if (!result.Applied) return result;
            RequestedEnergyEv = targetEv;
            Journal.Log(EventKind.Operator, who.User, "VEPP/Energy/Request", $"energy ramp #{result.RampId} via {who.Origin}",
                string.Create(CultureInfo.InvariantCulture, $"{from / 1e6:F4} MeV"), string.Create(CultureInfo.InvariantCulture, $"{targetEv / 1e6:F4} MeV"),
                string.Create(CultureInfo.InvariantCulture, $"applied: {plan.Legs.Count} supplies, {plan.Nodes} table nodes, {plan.Duration.TotalSeconds:F1} s"));
            return result with { Message = string.Create(CultureInfo.InvariantCulture, $"{result.Message}: {from / 1e6:F3} -> {targetEv / 1e6:F3} MeV, {plan.Nodes} table nodes") };
        }
    }

    /// <summary>
    /// Why a whole-machine operation must wait, or null: a ramp in flight would have its elements
    /// taken over midway and the machine left at no single setting. Called under the core's lock.
    /// </summary>
    private string? RampInFlight(string until) =>
        _ramps.FirstOrDefault(r => !r.Finished) is { } busy ? $"ramp #{busy.Id} is {busy.State}; let it finish or abort it {until}" : null;

    /// <summary>The plan SetEnergy would run now (for a preview or a table to keep), or why there is none; nothing moves.</summary>
    public (EnergyRampPlan? Plan, string? Refusal) PlanEnergy(double targetEv, double rateEvPerSecond = DefaultEnergyRateEvPerSecond)
    {
        lock (_gate)
        {
            Machine.Update();
            return EnergyRampPlanner.Plan(Machine, EnergyEv, targetEv, rateEvPerSecond);
        }
    }

    /// <summary>
    /// Runs an energy-ramp table read from a file (<see cref="EnergyRampTable"/>): checked whole against
    /// the machine now, refused while another ramp runs, then one synchronised ramp like SetEnergy's.
    /// </summary>
    public OperationResult RunEnergyTable(WriteContext who, string csv, string name)
    {
        string description = $"energy table {name}";
        if (Authorize(who, description, "change the machine") is { } denied) return OperationResult.Refused(denied.Message) with { Denied = true };
        lock (_gate)
        {
            Machine.Update();
            if (RampInFlight("before running a table") is { } busy) return Refuse(who, description, busy);
            var (plan, problem) = EnergyRampTable.Parse(csv, Machine);
            if (plan is null) return Refuse(who, description, problem!);
            var result = Start(who, plan.Legs, description, plan);
            if (result.Applied) RequestedEnergyEv = plan.Energy.ToEv;
            return result;
        }
    }
}
