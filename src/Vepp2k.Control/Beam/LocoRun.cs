using System.Globalization;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Control.Beam;

public enum LocoState { Fitting, Completed, Failed }

/// <summary>
/// One LOCO fit of a completed response measurement: the fit, the quadrupole and skew corrections it
/// proposes, and the optics against the design as fitted (before) and as the corrections should leave it (after).
/// </summary>
public sealed class LocoRun(long id, string user, long measurement, DateTimeOffset started)
{
    public long Id { get; } = id;
    public string User { get; } = user;

    /// <summary>The response measurement it fits.</summary>
    public long Measurement { get; } = measurement;
    public DateTimeOffset Started { get; } = started;

    private volatile LocoState _state = LocoState.Fitting;
    public LocoState State { get => _state; internal set => _state = value; }
    public string Reason { get; internal set; } = "";

    public LocoFit? Fit { get; internal set; }
    public LocoCorrection? Correction { get; internal set; }

    /// <summary>The fitted ring against the design (the machine as measured).</summary>
    public LocoOpticsReport? Before { get; internal set; }

    /// <summary>The fitted ring with the corrections against the design (what applying them should give).</summary>
    public LocoOpticsReport? After { get; internal set; }

    /// <summary>The corrections as supply currents at the energy of the fit.</summary>
    public IReadOnlyList<CorrectorChange> Changes { get; internal set; } = [];

    public string Where() => State switch
    {
        LocoState.Fitting => $"LOCO #{Id}: fitting measurement #{Measurement}",
        LocoState.Failed => $"LOCO #{Id} failed: {Reason}",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"LOCO #{Id}: chi2/dof {Fit!.Chi2 / Math.Max(1, Fit.DegreesOfFreedom):F3} after {Fit.Iterations.Count - 1} iterations; beta-beat {Before!.BetaBeatRms:P2} -> {After!.BetaBeatRms:P2} rms expected, {Changes.Count} magnets to change"),
    };
}
