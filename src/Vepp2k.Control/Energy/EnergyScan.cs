namespace Vepp2k.Control.Energy;

public enum ScanState { Running, Paused, Completed, Aborted }

/// <summary>
/// A list of beam energies visited in turn (the physics programme's scans over 0.16-1 GeV): at each
/// point the whole machine ramps there with every strength kept, then dwells while data are taken.
/// With <see cref="Standardise"/>, the iron magnets are standardised before the first point and before
/// each point where the scan turns back (<see cref="StandardisationDue"/>), so every point is approached
/// from a known magnetisation. A point that cannot be reached pauses the scan with the reason; resuming
/// goes on from that point. Stepped by the control core's device loop; every transition is an event.
/// </summary>
public sealed class EnergyScan(long id, string user, IReadOnlyList<double> energiesEv, TimeSpan dwell, double rateEvPerSecond, bool standardise = false)
{
    public long Id { get; } = id;
    public string User { get; } = user;
    public IReadOnlyList<double> EnergiesEv { get; } = energiesEv;
    public TimeSpan Dwell { get; } = dwell;
    public double RateEvPerSecond { get; } = rateEvPerSecond;

    /// <summary>Standardise before the first point and where the scan turns back.</summary>
    public bool Standardise { get; } = standardise;
    public ScanState State { get; internal set; } = ScanState.Running;

    /// <summary>The point being ramped to or dwelt at (0-based).</summary>
    public int Index { get; internal set; }

    /// <summary>The ramp in flight for the present point: the standardisation before it, or the energy ramp to it.</summary>
    public long? RampId { get; internal set; }

    /// <summary>True while <see cref="RampId"/> is the standardisation cycle before the present point.</summary>
    public bool Standardising { get; internal set; }

    /// <summary>The point a standardisation was last completed for; -1 before any.</summary>
    public int StandardisedFor { get; internal set; } = -1;

    /// <summary>The direction of the scan's last energy ramp (+1 up, -1 down), 0 before any.</summary>
    public int LastStep { get; internal set; }

    /// <summary>When the dwell at the present point ends; null while not dwelling.</summary>
    public DateTimeOffset? DwellUntil { get; internal set; }

    /// <summary>Why the scan paused or stopped, empty otherwise.</summary>
    public string Reason { get; internal set; } = "";

    public bool Finished => State is ScanState.Completed or ScanState.Aborted;

    /// <summary>
    /// True when the present point needs a standardisation first: the first point, and a point the scan
    /// turns back for (the ramp from <paramref name="energyNowEv"/> to it goes the other way from the
    /// scan's last ramp, the one into the first point included), since the iron then changes hysteresis
    /// branch. Once done for a point it is not repeated when the point is retried.
    /// </summary>
    public bool StandardisationDue(double energyNowEv)
    {
        if (!Standardise || StandardisedFor == Index) return false;
        if (Index == 0) return true;
        int step = Math.Sign(EnergiesEv[Index] - energyNowEv);
        return step != 0 && LastStep != 0 && step != LastStep;
    }

    public string Where() =>
        $"scan #{Id} {State}, point {Math.Min(Index + 1, EnergiesEv.Count)} of {EnergiesEv.Count}"
        + (Index < EnergiesEv.Count ? $" ({EnergiesEv[Index] / 1e6:F3} MeV" + (DwellUntil is not null ? ", dwelling)"
            : RampId is { } r ? (Standardising ? $", standardising: ramp #{r})" : $", ramp #{r})") : ")") : "")
        + (Reason.Length > 0 ? ": " + Reason : "");
}
