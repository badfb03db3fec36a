using System.Globalization;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Control.Beam;

public enum MeasurementState { Running, Restoring, Completed, Aborted, Failed }

/// <summary>
/// One orbit-response measurement through the control system: each corrector in turn stepped by
/// +step and -step from its setpoint (a central difference, so the orbit's curvature cancels), the
/// monitors read once the supply has arrived and a fresh beam reading exists, and the corrector put
/// back exactly on its setpoint before the next one moves. Only one corrector is ever off its
/// setpoint, so an abort or a trip has one supply to put back.
/// </summary>
public sealed class OrbitResponseRun
{
    internal OrbitResponseRun(long id, string user, IReadOnlyList<string> correctors, IReadOnlyDictionary<string, double> setpoints,
        IReadOnlyDictionary<string, double> kickPerAmp, IReadOnlyDictionary<string, double> steps, double rfStep, DateTimeOffset started)
    {
        Id = id; User = user; Correctors = correctors; Setpoints = setpoints; KickPerAmp = kickPerAmp; Steps = steps; RfStep = rfStep; Started = started;
        Columns = new double[correctors.Count][];
    }

    /// <summary>Relative RF-frequency step of the dispersion measurement after the correctors; 0: none.</summary>
    public double RfStep { get; }

    /// <summary>Orbit change per relative RF-frequency change at each reading [m] (x readings, then z); null when not measured.</summary>
    public double[]? OrbitPerRf { get; internal set; }

    /// <summary>Rms noise of one reading of each monitor [m], from the scatter of readings taken before anything moved.</summary>
    public double[]? Noise { get; internal set; }

    /// <summary>The beam reading at the end (tunes and beam spots with every corrector back on its setpoint).</summary>
    public BeamReadings? Final { get; internal set; }

    /// <summary>Readings taken before anything moves, for the noise estimate.</summary>
    public const int NoiseReadings = 4;

    internal readonly List<double[]> Quiet = [];

    /// <summary>True while the RF frequency, not a corrector, is in hand (after the last corrector).</summary>
    public bool RfInHand => Index >= Correctors.Count;

    public long Id { get; }
    public string User { get; }
    public IReadOnlyList<string> Correctors { get; }

    /// <summary>Every corrector's setpoint when the measurement started [A]: what it is restored to.</summary>
    public IReadOnlyDictionary<string, double> Setpoints { get; }

    /// <summary>Kick per ampere of each corrector at the energy of the measurement [rad/A].</summary>
    public IReadOnlyDictionary<string, double> KickPerAmp { get; }
    /// <summary>Each corrector's step [A] (the same current for all, or the same kick: <see cref="KickStep"/>).</summary>
    public IReadOnlyDictionary<string, double> Steps { get; }

    /// <summary>The kick every corrector was stepped by [rad], when the steps were given as a kick; else null.</summary>
    public double? KickStep { get; init; }
    public DateTimeOffset Started { get; }
    public MeasurementState State { get; internal set; } = MeasurementState.Running;

    /// <summary>Why it stopped (aborted by whom, which supply failed), or the summary when completed.</summary>
    public string Reason { get; internal set; } = "";

    /// <summary>Correctors measured so far.</summary>
    public int Measured { get; internal set; }

    /// <summary>The measured response [m/rad] once completed; null before.</summary>
    public OrbitResponse? Result { get; internal set; }

    public bool Finished => State is MeasurementState.Completed or MeasurementState.Aborted or MeasurementState.Failed;

    // Progress of the corrector in hand.
    /// <summary>Which corrector is in hand (index into <see cref="Correctors"/>).</summary>
    public int Index { get; internal set; }

    /// <summary>Its phase: 0 going to +step, 1 to -step, 2 back to its setpoint.</summary>
    public int Phase { get; internal set; }

    internal Task<Channels.WriteResult>? Arrival;
    internal long? Completing;          // every item measured: the sequence number the closing reading must follow
    internal long ReadAfter = -1;       // the reading that may be used must come after this sequence number
    internal double[]? Plus;
    internal readonly double[][] Columns;
    internal MeasurementState AfterRestore;

    public string Where() => State switch
    {
        MeasurementState.Running when Noise is null => F($"measurement #{Id}: reading the quiet orbit ({Quiet.Count} of {NoiseReadings})"),
        MeasurementState.Running => F($"measurement #{Id}: {Measured} of {Correctors.Count} correctors measured, {(RfInHand ? "the RF frequency" : Correctors[Index])} in hand"),
        MeasurementState.Restoring => RfInHand ? F($"measurement #{Id}: putting the RF frequency back") : F($"measurement #{Id}: putting {Correctors[Index]} back on {Setpoints[Correctors[Index]]:F4} A"),
        _ => F($"measurement #{Id} {State.ToString().ToLowerInvariant()}: {Reason}"),
    };

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
