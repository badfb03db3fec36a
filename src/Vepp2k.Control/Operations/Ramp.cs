using Vepp2k.Control.Channels;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Operations;

public enum RampState { Running, Paused, Completed, Aborted }

/// <summary>One supply's move within a ramp: from where it was to where it is asked to go [A].</summary>
public sealed record RampLeg(PoweredElement Element, double Start, double Target)
{
    /// <summary>
    /// Currents [A] at table nodes equally spaced in the ramp's fraction (first = Start, last = Target),
    /// followed instead of the straight line: an energy ramp, where each current follows its own
    /// curve in E (the BINP CANDAC table mode). Null for a straight line.
    /// </summary>
    public double[]? Path { get; init; }
}

/// <summary>An energy ramp's energies [eV]: every leg's path is its current at E = From + (To - From) * fraction.</summary>
public readonly record struct EnergyPath(double FromEv, double ToEv)
{
    public double At(double fraction) => FromEv + (ToEv - FromEv) * fraction;
}

/// <summary>
/// A synchronised ramp: every leg moves linearly in the same fraction of the same duration, so all
/// supplies arrive together and every intermediate state is the straight line between the old and
/// the new setting (the optics stays on its path). The duration is set by the slowest supply
/// (<see cref="RampPlanner"/>). Intermediate setpoints are issued on every <see cref="Step"/>.
/// </summary>
public sealed class Ramp
{
    private readonly HashSet<PoweredElement> _released = [];
    private readonly TaskCompletionSource<WriteResult> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
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

    /// <summary>For an energy ramp, the energies it goes between; null for a ramp of currents.</summary>
    public EnergyPath? Energy { get; init; }

    /// <summary>The energy every element is set for now (energy ramps: all legs share the fraction, so all one energy).</summary>
    public double? EnergyNowEv => Energy?.At(Fraction);

    /// <summary>Fraction of the way done, 0..1.</summary>
    public double Fraction => Duration <= TimeSpan.Zero ? 1 : Math.Min(1, _active / Duration);

    public bool Finished => State is RampState.Completed or RampState.Aborted;

    /// <summary>Why it stopped (abort reason), empty otherwise.</summary>
    public string StopReason { get; private set; } = "";

    /// <summary>The legs this ramp still moves: a later request for an element takes its leg over.</summary>
    public IEnumerable<RampLeg> ActiveLegs => Legs.Where(l => !_released.Contains(l.Element));

    public bool Involves(PoweredElement e) => ActiveLegs.Any(l => l.Element == e);

    /// <summary>
    /// Ends when every element has arrived (readback within tolerance, supply on) or the ramp failed:
    /// aborted, superseded, refused by a supply, or not arrived within the settle time.
    /// </summary>
    public Task<WriteResult> Done => _done.Task;

    /// <summary>The setpoint of each leg at the present fraction.</summary>
    // start + (target - start) * 1 can land an ulp beyond the target, and so beyond a drive limit the
    // target sits on (seen by OperatorCampaignTests): the value is held between start and target.
    public double SetpointOf(RampLeg leg)
    {
        if (Fraction >= 1) return leg.Target;
        if (leg.Path is not { } path) return Between(leg.Start, leg.Target, Fraction);
        // Linear between table nodes, as the supply's table mode steps them.
        double x = Fraction * (path.Length - 1);
        int k = Math.Min((int)x, path.Length - 2);
        return Between(path[k], path[k + 1], x - k);
    }

    private static double Between(double a, double b, double f) => Math.Clamp(a + (b - a) * f, Math.Min(a, b), Math.Max(a, b));

    /// <summary>Issues this step's setpoints; a supply that refuses one aborts the ramp (returns the reason).</summary>
    internal string? Step(DateTimeOffset now)
    {
        if (State == RampState.Running)
        {
            _active += now - _lastStep;
            foreach (var leg in ActiveLegs)
            {
                var r = leg.Element.Supply.SetCurrent(SetpointOf(leg));
                if (r.Accepted) continue;
                _lastStep = now;
                Abort($"{leg.Element.Name} refused {SetpointOf(leg):F3} A: {r.Reason}");
                return StopReason;
            }
            if (Fraction >= 1) State = RampState.Completed;
        }
        _lastStep = now;
        return null;
    }

    /// <summary>A later request took this element over; a ramp left with no legs is superseded.</summary>
    internal void Release(PoweredElement e, long by)
    {
        if (!Involves(e)) return;
        if (ActiveLegs.Count() == 1) Abort($"superseded by ramp #{by}");
        _released.Add(e);
    }

    /// <summary>The completed ramp arrived, or did not: the end of <see cref="Done"/>.</summary>
    internal void Settle(WriteResult outcome) => _done.TrySetResult(outcome);

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
        // What each element is asked for is now where it stopped.
        foreach (var leg in ActiveLegs) leg.Element.Request = leg.Element.Supply.Setpoint;
        _done.TrySetResult(WriteResult.Refused($"{reason}; {Where()}"));
        return true;
    }

    /// <summary>Where the ramp is: for a report after pause or abort.</summary>
    public string Where() =>
        $"ramp #{Id} {State} at {Fraction:P0}" + (EnergyNowEv is { } e ? $", {e / 1e6:F4} MeV" : "") + ": " + string.Join(", ", ActiveLegs.Select(l => $"{l.Element.Name} {SetpointOf(l):F3} A (target {l.Target:F3})"));
}
