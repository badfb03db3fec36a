using Vepp2k.Control.History;

namespace Vepp2k.Control.Runtime;

/// <summary>How to start the control system; the defaults are the embedded simulated VEPP-2000.</summary>
public sealed record ControlSystemOptions
{
    /// <summary>Folder of the SQLite database and the generated admin credential.</summary>
    public string DataFolder { get; init; } = "data";

    /// <summary>PostgreSQL connection string; null keeps history in SQLite under <see cref="DataFolder"/>.</summary>
    public string? PostgresConnection { get; init; }

    /// <summary>Operating mode whose design currents the supplies start at.</summary>
    public string Mode { get; init; } = Machine.Modes.Default;

    /// <summary>
    /// The excitation curves of the online model (VEPP/Model): the analytic ones the control system
    /// sets currents with (default), or the computed 2-D magnetostatics tables
    /// (docs/magnets/magnetostatics.md). Only the model changes; settings keep the analytic curves.
    /// </summary>
    public Machine.Magnets.CurveSet ModelCurves { get; init; } = Machine.Magnets.CurveSet.Analytic;

    /// <summary>Readback period of the device loop (10 Hz by default).</summary>
    public TimeSpan TickPeriod { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the online model recomputes the optics from the readbacks.</summary>
    public TimeSpan ModelPeriod { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Largest tune change the online model may show along an energy ramp before the ramp is paused.</summary>
    public double EnergyRampTuneBound { get; init; } = Energy.EnergyRampGuard.DefaultTuneBound;

    /// <summary>
    /// Heartbeat: every numeric channel is archived at least this often, changed or not (between
    /// heartbeats only changes beyond the archive deadband and alarm changes are archived).
    /// </summary>
    public TimeSpan ArchiveHeartbeat { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Admin password for unattended starts; null generates one on first start.</summary>
    public string? AdminPassword { get; init; }

    /// <summary>
    /// How long samples and events are kept (null = forever), pruned once an hour: by default samples
    /// 90 days, events forever (the record of what operators did, and the archive-loss total, never expire).
    /// </summary>
    public RetentionPolicy? Retention { get; init; } = DefaultRetention;

    public static readonly RetentionPolicy DefaultRetention = new(Samples: TimeSpan.FromDays(90), Events: null);

    /// <summary>
    /// The hardware provider, made on the control system's clock; null: the simulated VEPP-2000
    /// (<see cref="SimulatedHardware"/>), found running the <see cref="Mode"/>'s design currents.
    /// A real machine's provider brings its own state: the control system adopts what it finds.
    /// </summary>
    public Func<TimeProvider, Devices.IMagnetHardware>? Hardware { get; init; }

    /// <summary>
    /// Where the control system reports what operators cannot see in a channel: storage failures,
    /// archive losses, events spilled at shutdown, device-loop failures. Null: nowhere but the
    /// channels and the event log (and standard error for a spill).
    /// </summary>
    public Microsoft.Extensions.Logging.ILoggerFactory? Logs { get; init; }

    /// <summary>
    /// The hidden errors of the simulated ring (the beam sees them, the online model does not); the
    /// default is the documented realistic set of seed <see cref="DefaultErrorSeed"/> (docs/beam.md).
    /// Only the simulated machine has a beam.
    /// </summary>
    public Machine.Beam.RingErrors Errors { get; init; } = DefaultErrors.Value;

    public const int DefaultErrorSeed = 2000;
    private static readonly Lazy<Machine.Beam.RingErrors> DefaultErrors = new(() => Machine.Beam.RingErrors.Generate(DefaultErrorSeed));

    /// <summary>Noise of the simulated beam instruments.</summary>
    public Machine.Beam.InstrumentNoise BeamNoise { get; init; } = Machine.Beam.InstrumentNoise.Default;

    /// <summary>Serve only these subsystems' elements (null = all): for splitting the ring between servers.</summary>
    public IReadOnlyList<string>? Subsystems { get; init; }
}
