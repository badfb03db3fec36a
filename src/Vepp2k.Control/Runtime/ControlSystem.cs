using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Vepp2k.Control.Beam;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Security;
using Vepp2k.Control.WorkingSets;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The whole control system in one process: the simulated machine, its channel tree, the control
/// core, working sets, users, the archive and the event log, and the device loop that ties them:
/// every tick the devices advance, ramps step, readbacks are posted, and changes fan out to the
/// archive, the log and every subscriber.
/// </summary>
public sealed class ControlSystem : IAsyncDisposable
{
    private static readonly TimeSpan HeartbeatCheck = TimeSpan.FromSeconds(1);
    private readonly ArchiveHeartbeat _heartbeat;
    private DateTimeOffset _lastHeartbeatCheck;
    private int _pruning;
    private DateTimeOffset _lastModel = DateTimeOffset.MinValue;
    private readonly ILogger _log;
    private string? _lastStorageError;
    private long _loopFailures;
    private DateTimeOffset _lastRetention = DateTimeOffset.MinValue;
    private readonly AlarmJournal _alarms;

    private ControlSystem(ControlSystemOptions options, TimeProvider time, IControlStore store, string adminMessage)
    {
        Options = options;
        _log = options.Logs?.CreateLogger("Vepp2k.Control") ?? NullLogger.Instance;
        Time = time;
        Store = store;
        AdminMessage = adminMessage;
        if (options.Hardware is { } provider)
        {
            Machine = new MagnetSystem(MagnetCatalogue.Default, provider(time));
        }
        else
        {
            Simulator = new SimulatedHardware(MagnetCatalogue.Default, time);
            Machine = new MagnetSystem(MagnetCatalogue.Default, Simulator);
            Simulator.StartRunningDesign(options.Mode, options.Errors);
        }
        Machine.Update();
        Machine.AdoptRunningState();
        Core = new ControlCore(Machine, store, time);
        Registry = new ChannelRegistry(time);
        MachineChannels = new MachineChannels(Registry, Core, e => Serves(e.Subsystem));
        Calibration = new CalibrationTable(options.DataFolder);
        // Machine-wide channels (energy, model, feedback, control state) belong to the server that
        // has the dipoles, so two servers splitting the ring never publish the same name twice.
        if (Serves(Subsystem.Dipoles))
        {
            SystemChannels = new SystemChannels(Registry, this);
            EnergyChannels = new EnergyChannels(Registry, Machine, Calibration.Calibration);
            ModelChannels = new ModelChannels(Registry, Machine, options.Mode,
                options.ModelCurves == CurveSet.Computed ? MagnetCatalogue.Computed : null);
            FeedbackChannels = new FeedbackChannels(Registry, Core);
            EnergyRequestChannels = new EnergyRequestChannels(Registry, Core);
            if (Simulator is not null)
            {
                Beam = new BeamSimulation(Simulator, Machine.Catalogue, options.Mode, options.Errors, options.BeamNoise);
                BeamChannels = new BeamChannels(Registry, Beam);
                Measurements = new BeamOperations(Core, () => Beam.Latest, shift => Beam.RfFrequencyShift = shift);
                Orbit = new OrbitCorrector(Core, options.Mode, () => Beam.Latest, Measurements);
                Loco = new LocoOperations(Core, options.Mode, Measurements);
                Beam.Lost += reason => Core.Journal.Log(EventKind.State, "system", "VEPP/Beam", "beam lost", result: reason);
            }
        }
        Registry.Freeze();
        WorkingSets = new WorkingSetService(Core, Registry, store);
        RampRecorder = new EnergyRampRecorder(Machine, options.Mode);
        RampGuard = new EnergyRampGuard(Core, options.Mode, RampRecorder, Beam, () => (EnergyChannels?.Latest as EnergyMeasured)?.EnergyEv,
            options.EnergyRampTuneBound);
        CalibrationEntry = new CalibrationEntryOperation(Core, Calibration, () => (EnergyChannels?.Latest as EnergyMeasured)?.NmrEnergyEv);
        CalibrationProcedures = new CalibrationProcedures(Core, CalibrationEntry, Simulator, () => Volatile.Read(ref _nmrAndBeam));
        Users = new UserDirectory(store);
        UserAdministration = new UserAdministration(Core, Users);
        Archiver = new Archiver(store, time, capacity: 200_000);
        Core.Journal.StorageFailed += e =>
        {
            SystemChannels?.StorageFailed(e);
            // The journal retries every tick: one line per distinct failure, not ten a second.
            if (Interlocked.Exchange(ref _lastStorageError, e.Message) != e.Message)
                _log.LogError("event store failed, events held for retry: {Error}", e.Message);
        };
        var recovered = RecoverSpilledEvents();
        ArchiveLostBefore = ArchiveLossTotal.Before(store);
        Archiver.LossReported += loss => _log.LogWarning("archive lost {Count} sample(s), {Total} in this run: {Reason}",
            loss.Count, loss.TotalLost, loss.Error?.Message ?? "queue full");
        Archiver.LossReported += loss => Core.Journal.Log(EventKind.System, "system", ArchiveLossTotal.Subject,
            $"archive lost {loss.Count} sample(s), {loss.TotalLost} in this run", null, (ArchiveLostBefore + loss.TotalLost).ToString(CultureInfo.InvariantCulture),
            loss.Error?.Message ?? "queue full");
        _alarms = new AlarmJournal(Core.Journal);
        _heartbeat = new ArchiveHeartbeat(options.ArchiveHeartbeat);
        Registry.Listen(OnUpdate);
        Registry.WriteRefused += (c, value, who, reason) => Core.Journal.Log(EventKind.Operator, who.User, c.Spec.Path,
            $"write refused via {who.Origin}", c.Snapshot().Value.ToString(), value.ToString(), "refused: " + reason);
        var started = HistoryGaps.StartEvent(store, time.GetUtcNow(), $"mode {options.Mode}, {Registry.Count} channels");
        Core.Journal.Log(started.Kind, started.User, started.Subject, started.Message, started.OldValue, started.NewValue, started.Result);
        if (recovered is not null)
        {
            Core.Journal.Log(EventKind.System, "system", "VEPP/Control/StorageError", recovered.Value.Message, result: recovered.Value.Result);
            _log.LogWarning("{Message}: {Result}", recovered.Value.Message, recovered.Value.Result);
        }
        // After the start event, so the log reads: started, then the scans the restart paused.
        Core.KeepScansIn(new EnergyScanFile(options.DataFolder));
        Step();
    }

    /// <summary>Samples earlier runs lost (from the event log); <c>VEPP/Control/ArchiveLost</c> adds this run's.</summary>
    public long ArchiveLostBefore { get; }

    public ControlSystemOptions Options { get; }
    public TimeProvider Time { get; }
    public IControlStore Store { get; }
    public string AdminMessage { get; }
    public MagnetSystem Machine { get; }

    /// <summary>The simulated hardware (fault injection, simulation truth); null when a real provider drives the magnets.</summary>
    public SimulatedHardware? Simulator { get; }
    public ControlCore Core { get; }
    public ChannelRegistry Registry { get; }
    public MachineChannels MachineChannels { get; }
    public CalibrationTable Calibration { get; }

    /// <summary>Pauses an energy ramp when the online model's or the beam's tunes move beyond the bound, the model loses stability, or the beam is lost.</summary>
    public EnergyRampGuard RampGuard { get; }

    /// <summary>What the guard saw along each energy ramp, and the report beside proportional scaling.</summary>
    public EnergyRampRecorder RampRecorder { get; }

    /// <summary>Entering a calibration (rights, refusal, event) for every interface.</summary>
    public CalibrationEntryOperation CalibrationEntry { get; }

    /// <summary>Resonant depolarisation and the phi scan run on the simulated machine, feeding the calibration table.</summary>
    public CalibrationProcedures CalibrationProcedures { get; }

    /// <summary>Machine-wide channels: null on a server that does not serve the dipoles.</summary>
    public SystemChannels? SystemChannels { get; }
    public EnergyChannels? EnergyChannels { get; }
    public ModelChannels? ModelChannels { get; }
    public FeedbackChannels? FeedbackChannels { get; }

    /// <summary>The beam in the simulated machine; null with real hardware or on a server without the dipoles.</summary>
    public BeamSimulation? Beam { get; }
    public BeamChannels? BeamChannels { get; }

    /// <summary>Orbit-response measurements and the orbit correction; null without a beam.</summary>
    public BeamOperations? Measurements { get; }
    public OrbitCorrector? Orbit { get; }

    /// <summary>LOCO: measure, fit, correct; null without a beam.</summary>
    public LocoOperations? Loco { get; }

    /// <summary>The energy setpoint (VEPP/Energy/Request) and its ramp: null on a server that does not serve the dipoles.</summary>
    public EnergyRequestChannels? EnergyRequestChannels { get; }

    /// <summary>True when this server serves the subsystem's channels (all by default).</summary>
    public bool Serves(string subsystem) => Options.Subsystems is null || Options.Subsystems.Contains(subsystem);
    public WorkingSetService WorkingSets { get; }
    public UserDirectory Users { get; }

    /// <summary>Adding and changing users (admins only, logged) for every interface.</summary>
    public UserAdministration UserAdministration { get; }
    public Archiver Archiver { get; }

    public static ControlSystem Start(ControlSystemOptions options, TimeProvider time) =>
        Start(options, time, ControlStore.Open(options.DataFolder, options.PostgresConnection));

    /// <summary>Starts on a store already open (it is owned from here on: disposed with the system).</summary>
    public static ControlSystem Start(ControlSystemOptions options, TimeProvider time, IControlStore store)
    {
        try
        {
            string admin = new UserDirectory(store).EnsureAdmin(options.AdminPassword, options.DataFolder);
            return new ControlSystem(options, time, store, admin);
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    private NmrAndBeam? _nmrAndBeam;

    /// <summary>One device-loop period (the loop calls it; tests call it with a manual clock).</summary>
    public void Step()
    {
        Core.Tick();
        MachineChannels.Publish();
        SystemChannels?.Publish();
        var now = Time.GetUtcNow();
        EnergyChannels?.Publish(now);
        if (Simulator is not null && EnergyChannels?.Latest is { } nmr) Volatile.Write(ref _nmrAndBeam, new NmrAndBeam(nmr, Simulator.TrueBeamEnergyEv()));
        EnergyRequestChannels?.Publish(now);
        if (now - _lastModel >= Options.ModelPeriod)
        {
            _lastModel = now;
            ModelChannels?.Publish(now, EnergyChannels?.Latest, Core.EnergyEv);
            Beam?.Step(now);
            BeamChannels?.Publish();
            if (ModelChannels is not null) RampGuard.Check();
            FeedbackChannels?.Step(EnergyChannels?.Latest, now);
        }
        Measurements?.Step();
        if (Options.Retention is { } retention && now - _lastRetention >= TimeSpan.FromHours(1))
        {
            _lastRetention = now;
            Prune(retention, now);
        }
        if (now - _lastHeartbeatCheck >= HeartbeatCheck)
        {
            _lastHeartbeatCheck = now;
            foreach (var c in Registry.All)
            {
                if (!_heartbeat.Due(c.Spec.Path, now)) continue;
                var s = c.Snapshot();
                if (s.Value.IsNumeric && double.IsFinite(s.Value.Number)) Offer(c.Spec.Path, now, s.Value.Number, s.Severity);
            }
        }
    }

    private void Offer(string path, DateTimeOffset time, double value, AlarmSeverity severity)
    {
        if (Archiver.Offer(new ArchiveSample(path, time, value, (int)severity))) _heartbeat.Archived(path, time);
    }

    /// <summary>
    /// Retention off the device loop: the first prune of a large archive deletes millions of rows and
    /// must not stall the readbacks; a prune still running when the next is due is not doubled.
    /// </summary>
    private void Prune(RetentionPolicy retention, DateTimeOffset now)
    {
        if (Interlocked.Exchange(ref _pruning, 1) == 1) return;
        _ = Task.Run(() =>
        {
            try
            {
                long removed = Store.ApplyRetention(retention, now);
                if (removed > 0) Core.Journal.Log(EventKind.System, "system", "VEPP/Control", $"retention removed {removed} old row(s)");
            }
            catch (StorageException e)
            {
                Core.Journal.Log(EventKind.System, "system", "VEPP/Control/StorageError", "retention failed", result: e.Message);
            }
            finally { Volatile.Write(ref _pruning, 0); }
        });
    }

    /// <summary>Runs the device loop until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancel)
    {
        using var timer = new PeriodicTimer(Options.TickPeriod);
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                try
                {
                    Step();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A failing tick must not stop the device loop, and with it every readback: it is
                    // reported (the first and then every 100th) and the next tick tries again.
                    if (_loopFailures++ % 100 == 0) _log.LogError(e, "device-loop tick failed ({Count} so far)", _loopFailures);
                }
            }
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested) { }
    }

    private void OnUpdate(ChannelUpdate u)
    {
        // A channel without a value (NaN: no lock, no optics) is not archived: the gap shows in the
        // plot, and the alarm change that came with it is in the event log.
        if ((u.Mask & (UpdateMask.Archive | UpdateMask.Alarm)) != 0 && u.Value.IsNumeric && double.IsFinite(u.Value.Number))
            Offer(u.Path, u.Time, u.Value.Number, u.Severity);
        _alarms.OnUpdate(u);
    }

    /// <summary>
    /// Stops cleanly: the archive queue written, ServerStopped logged, and every event the store
    /// still refuses written to a spill file (reported on standard error now and as an event at the next start).
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        // A prune in flight finishes first: the store must not be disposed under it.
        while (Volatile.Read(ref _pruning) == 1) await Task.Delay(10);
        await Archiver.DisposeAsync();
        Core.Journal.Log(EventKind.State, "system", HistoryGaps.Subject, HistoryGaps.Stopped);
        var unsaved = Core.Journal.TakePending();
        if (unsaved.Count > 0)
        {
            string file = EventSpill.Write(Options.DataFolder, unsaved, Time.GetUtcNow());
            string message = $"the store refused {unsaved.Count} event(s) until shutdown; they are saved in {file} and go into the store at the next start";
            if (Options.Logs is null) Console.Error.WriteLine("vepp2k: " + message);
            else _log.LogError("{Message}", message);
        }
        Store.Dispose();
    }

    /// <summary>Puts the events an earlier shutdown could only spill to a file into the store; says what it did, or why not.</summary>
    private (string Message, string Result)? RecoverSpilledEvents()
    {
        try
        {
            var files = EventSpill.Recover(Options.DataFolder, Store);
            if (files.Count == 0) return null;
            return ($"recovered {files.Sum(f => f.Count)} event(s) the last shutdown could not store",
                string.Join("; ", files.Select(f => $"{f.Count} from {f.File}")));
        }
        catch (Exception e) when (e is StorageException or IOException or System.Text.Json.JsonException)
        {
            return ("events spilled by an earlier shutdown are not yet in the store", "kept in the data folder for the next start: " + e.Message);
        }
    }
}
