namespace Vepp2k.Control.Energy;

public enum ScanState { Running, Paused, Completed, Aborted }

/// <summary>
/// A list of beam energies visited in turn (the physics programme's scans over 0.16-1 GeV): at each
/// point the whole machine ramps there with every strength kept, then dwells while data are taken.
/// A point that cannot be reached pauses the scan with the reason; resuming goes on from that point.
/// Stepped by the control core's device loop; every transition is an event.
/// </summary>
public sealed class EnergyScan(long id, string user, IReadOnlyList<double> energiesEv, TimeSpan dwell, double rateEvPerSecond)
{
    public long Id { get; } = id;
    public string User { get; } = user;
    public IReadOnlyList<double> EnergiesEv { get; } = energiesEv;
    public TimeSpan Dwell { get; } = dwell;
    public double RateEvPerSecond { get; } = rateEvPerSecond;
    public ScanState State { get; internal set; } = ScanState.Running;

    /// <summary>The point being ramped to or dwelt at (0-based).</summary>
    public int Index { get; internal set; }

    /// <summary>The energy ramp moving to the present point, while it runs.</summary>
    public long? RampId { get; internal set; }

    /// <summary>When the dwell at the present point ends; null while not dwelling.</summary>
    public DateTimeOffset? DwellUntil { get; internal set; }

    /// <summary>Why the scan paused or stopped, empty otherwise.</summary>
    public string Reason { get; internal set; } = "";

    public bool Finished => State is ScanState.Completed or ScanState.Aborted;

    public string Where() =>
        $"scan #{Id} {State}, point {Math.Min(Index + 1, EnergiesEv.Count)} of {EnergiesEv.Count}"
        + (Index < EnergiesEv.Count ? $" ({EnergiesEv[Index] / 1e6:F3} MeV" + (DwellUntil is not null ? ", dwelling)" : RampId is { } r ? $", ramp #{r})" : ")") : "")
        + (Reason.Length > 0 ? ": " + Reason : "");
}
