using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Operations;

public enum RampState { Running, Paused, Completed, Aborted }

/// <summary>One supply's move within a ramp: from where it was to where it is asked to go [A].</summary>
public sealed record RampLeg(PoweredElement Element, double Start, double Target);

/// <summary>
/// A synchronised ramp: every leg moves linearly in the same fraction of the same duration, so all
/// supplies arrive together and every intermediate state is the straight line between the old and
/// the new setting (the optics stays on its path). The duration is set by the slowest supply
/// (<see cref="RampPlanner"/>). Intermediate setpoints are issued on every <see cref="Step"/>.
/// </summary>
public sealed class Ramp
{
    private TimeSpan _active;
    private DateTimeOffset _lastStep;

    internal Ramp(long id, string description, string user, IReadOnlyList<RampLeg> legs, TimeSpan duration, DateTimeOffset start)
    {
        Id = id; Description = description; User = user; Legs = legs; Duration = duration;
        Started = start; _lastStep = start;
    }

    public long Id { get; }
    public string Description { get; }
    public string User { get; }
    public IReadOnlyList<RampLeg> Legs { get; }
    public TimeSpan Duration { get; }
    public DateTimeOffset Started { get; }
    public RampState State { get; private set; } = RampState.Running;

    /// <summary>Fraction of the way done, 0..1.</summary>
    public double Fraction => Duration <= TimeSpan.Zero ? 1 : Math.Min(1, _active / Duration);

    public bool Finished => State is RampState.Completed or RampState.Aborted;

    /// <summary>Why it stopped (abort reason), empty otherwise.</summary>
    public string StopReason { get; private set; } = "";

    public bool Involves(PoweredElement e) => Legs.Any(l => l.Element == e);

    /// <summary>The setpoint of each leg at the present fraction.</summary>
    // start + (target - start) * 1 can land an ulp beyond the target, and so beyond a drive limit the
    // target sits on (seen by OperatorCampaignTests): the value is held between start and target.
    public double SetpointOf(RampLeg leg) => Fraction >= 1
        ? leg.Target
        : Math.Clamp(leg.Start + (leg.Target - leg.Start) * Fraction, Math.Min(leg.Start, leg.Target), Math.Max(leg.Start, leg.Target));

    internal void Step(DateTimeOffset now)
    {
        if (State == RampState.Running)
        {
            _active += now - _lastStep;
            foreach (var leg in Legs) leg.Element.Supply.SetCurrent(SetpointOf(leg));
            if (Fraction >= 1) State = RampState.Completed;
        }
        _lastStep = now;
    }

    internal bool Pause()
    {
        if (State != RampState.Running) return false;
        State = RampState.Paused;
        return true;
    }

    internal bool Resume()
    {
        if (State != RampState.Paused) return false;
        State = RampState.Running;
        return true;
    }

    /// <summary>Stops where it is: each supply holds the setpoint last issued.</summary>
    internal bool Abort(string reason)
    {
        if (Finished) return false;
        State = RampState.Aborted;
        StopReason = reason;
        return true;
    }

    /// <summary>Where the ramp is: for a report after pause or abort.</summary>
    public string Where() =>
        $"ramp #{Id} {State} at {Fraction:P0}: " + string.Join(", ", Legs.Select(l => $"{l.Element.Name} {SetpointOf(l):F3} A (target {l.Target:F3})"));
}
