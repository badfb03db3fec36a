using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Beam;

/// <summary>
/// The operators' beam work through the control core: orbit-response measurements (stepped by the
/// device loop, every corrector restored exactly, also on abort or a supply failure) and the orbit
/// correction (planned from the measured or the model response and the beam's present orbit, applied
/// as one synchronised ramp of the correctors only when confirmed). Every move goes through
/// <see cref="ControlCore.Set"/>: the same rights, interlocks and event log as any operator action.
/// </summary>
public sealed class BeamOperations(ControlCore core, Func<BeamReadings?> readings)
{
    /// <summary>Default corrector step of a response measurement [A]: about 0.1 mrad at 1 GeV, a few hundred microns of orbit.</summary>
    public const double DefaultStepAmps = 0.3;

    private readonly object _gate = new();
    private readonly List<OrbitResponseRun> _runs = [];
    private long _nextId = 1;

    public IReadOnlyList<OrbitResponseRun> Runs { get { lock (_gate) return [.. _runs]; } }

    public OrbitResponseRun? Find(long id) { lock (_gate) return _runs.FirstOrDefault(r => r.Id == id); }

    /// <summary>The 36 dipole correctors the orbit is steered with, in catalogue order.</summary>
    public IReadOnlyList<string> SteeringCorrectors { get; } = [.. core.Machine.Catalogue.Magnets
        .Where(m => m.Kind is MagnetKind.HorizontalCorrector or MagnetKind.VerticalCorrector or MagnetKind.DipoleTrim).Select(m => m.Name)];

    /// <summary>Starts a response measurement of <paramref name="correctors"/> (all 36 when null); refused, with nothing moved, when it cannot run.</summary>
    public (OrbitResponseRun? Run, WriteResult Result) StartResponse(WriteContext who, IReadOnlyList<string>? correctors = null, double stepAmps = DefaultStepAmps)
    {
        const string subject = "VEPP/Orbit/Response";
        if (core.Authorize(who, subject, "change the machine") is { } denied) return (null, denied);
        correctors ??= SteeringCorrectors;
        lock (_gate)
        {
            var elements = correctors.Select(c => core.Machine.Find(c)).ToList();
            var beam = readings();
            string? problem = correctors.Count == 0 ? "give at least one corrector"
                : correctors.FirstOrDefault(c => !SteeringCorrectors.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } unknown ? $"'{unknown}' is not a dipole corrector ({string.Join(" ", SteeringCorrectors.Take(9))} ...)"
                : correctors.Distinct(StringComparer.OrdinalIgnoreCase).Count() != correctors.Count ? "a corrector appears twice"
                : !(stepAmps > 0 && stepAmps <= 2) ? "the step must be above 0 and at most 2 A"
                : _runs.FirstOrDefault(r => !r.Finished) is { } running ? $"measurement #{running.Id} is {running.State}; abort it first"
                : beam is null || !beam.HasBeam ? "no beam: the response is measured with the beam's orbit"
                : elements.FirstOrDefault(e => Math.Abs(e!.Request) + stepAmps > e.Model.MaxCurrent) is { } full ? F($"{full.Name} at {full.Request:F3} A has no room for a {stepAmps:F2} A step")
                : null;
            if (problem is not null)
            {
                core.Journal.Log(EventKind.Operator, who.User, subject, $"start measurement refused via {who.Origin}", result: "refused: " + problem);
                return (null, WriteResult.Refused(problem));
            }
            var setpoints = elements.ToDictionary(e => e!.Name, e => e!.Request, StringComparer.OrdinalIgnoreCase);
            var kick = elements.ToDictionary(e => e!.Name, e => core.StrengthOf(e!, 1) - core.StrengthOf(e!, 0), StringComparer.OrdinalIgnoreCase);
            var run = new OrbitResponseRun(_nextId++, who.User, [.. elements.Select(e => e!.Name)], setpoints, kick, stepAmps, core.Time.GetUtcNow());
            _runs.Add(run);
            core.Journal.Log(EventKind.Operator, who.User, subject, $"measurement #{run.Id} started via {who.Origin}", null,
                F($"{run.Correctors.Count} correctors, step {stepAmps:F3} A"), "applied");
            return (run, WriteResult.Ok(run.Where()));
        }
    }

    /// <summary>Aborts a measurement: the corrector in hand goes back to its setpoint, then it ends as aborted.</summary>
    public WriteResult Abort(WriteContext who, long id)
    {
        string subject = $"measurement #{id}";
        if (core.Authorize(who, subject, "abort measurements") is { } denied) return denied;
        lock (_gate)
        {
            var run = _runs.FirstOrDefault(r => r.Id == id);
            WriteResult result;
            if (run is null) result = WriteResult.Refused($"no measurement #{id}");
            else if (run.Finished) result = WriteResult.Refused($"measurement #{id} is already {run.State}");
            else
            {
                StopAndRestore(run, MeasurementState.Aborted, $"aborted by {who.User}");
                result = WriteResult.Ok(run.Where());
            }
            core.Journal.Log(EventKind.Operator, who.User, subject, $"measurement abort via {who.Origin}", result: result.ToString());
            return result;
        }
    }

    /// <summary>One device-loop step of the running measurement (after the beam's reading of this tick).</summary>
    public void Step()
    {
        lock (_gate)
            foreach (var run in _runs.Where(r => !r.Finished)) Step(run);
    }

    private static readonly WriteContext Actor = new("orbit response", Role.Operator, "measurement");

    private void Step(OrbitResponseRun run)
    {
        string corrector = run.Correctors[run.Index];
        double setpoint = run.Setpoints[corrector];
        if (run.Arrival is null)
        {
            bool back = run.State == MeasurementState.Restoring || run.Phase == 2;
            double target = back ? setpoint : setpoint + (run.Phase == 0 ? run.StepAmps : -run.StepAmps);
            string what = back ? "back to its setpoint" : run.Phase == 0 ? "+step" : "-step";
            var set = core.Set(Actor with { User = run.User }, [(corrector, target)], Units.Hardware, $"measurement #{run.Id}: {corrector} {what}");
            if (!set.Applied || set.Done is null) { Failed(run, $"{corrector} {what} refused: {set.Message}"); return; }
            run.Arrival = set.Done;
            return;
        }
        if (!run.Arrival.IsCompleted) return;
        var arrived = run.Arrival.Result;
        if (!arrived.Applied) { Failed(run, $"{corrector}: {arrived.Message}"); return; }
        if (run.State == MeasurementState.Restoring)
        {
            run.State = run.AfterRestore;
            run.Arrival = null;
            core.Journal.Log(EventKind.Operator, run.User, $"measurement #{run.Id}", $"measurement {run.State.ToString().ToLowerInvariant()}",
                result: F($"{run.Reason}; {corrector} back on {setpoint:F4} A, every corrector on its setpoint"));
            return;
        }
        if (run.Phase == 2)
        {
            run.Measured++;
            run.Arrival = null;
            (run.Index, run.Phase) = (run.Index + 1, 0);
            if (run.Index == run.Correctors.Count) Complete(run);
            return;
        }
        // The supply has arrived: the orbit reading used must be taken after this point.
        var beam = readings();
        if (run.ReadAfter < 0) { run.ReadAfter = beam?.Sequence ?? 0; return; }
        if (beam is null || beam.Sequence <= run.ReadAfter) return;
        if (!beam.HasBeam) { StopAndRestore(run, MeasurementState.Failed, "the beam was lost: " + beam.Status); return; }
        var orbit = beam.Orbit();
        if (run.Phase == 0) run.Plus = orbit;
        else run.Columns[run.Index] = [.. orbit.Select((minus, i) => (run.Plus![i] - minus) / (2 * run.StepAmps * run.KickPerAmp[corrector]))];
        run.Phase++;
        run.Arrival = null;
        run.ReadAfter = -1;
    }

    private void Complete(OrbitResponseRun run)
    {
        int rows = run.Columns[0].Length;
        var matrix = new double[rows, run.Correctors.Count];
        for (int j = 0; j < run.Correctors.Count; j++)
            for (int i = 0; i < rows; i++) matrix[i, j] = run.Columns[j][i];
        run.Result = new OrbitResponse(OrbitResponse.AllMonitors, run.Correctors, matrix);
        run.State = MeasurementState.Completed;
        run.Reason = F($"{run.Correctors.Count} correctors x {OrbitResponse.AllMonitors.Count} monitors in {(core.Time.GetUtcNow() - run.Started).TotalSeconds:F0} s");
        core.Journal.Log(EventKind.Operator, run.User, $"measurement #{run.Id}", "measurement completed", result: run.Reason + "; every corrector on its setpoint");
    }

    // A failure while stepping: put the corrector in hand back; a failure while putting it back: stop, and say where it is.
    private void Failed(OrbitResponseRun run, string reason)
    {
        if (run.State == MeasurementState.Restoring)
        {
            string corrector = run.Correctors[run.Index];
            var e = core.Machine.Get(corrector);
            run.State = MeasurementState.Failed;
            run.Reason = F($"{run.Reason}; {corrector} could not be put back on {run.Setpoints[corrector]:F4} A ({reason}): it reads {e.Readback:F4} A, {e.Supply.State}");
            core.Journal.Log(EventKind.Operator, run.User, $"measurement #{run.Id}", "measurement failed", result: run.Reason);
            return;
        }
        StopAndRestore(run, MeasurementState.Failed, reason);
    }

    private void StopAndRestore(OrbitResponseRun run, MeasurementState end, string reason)
    {
        // Already putting the corrector back after its two readings: that ramp's target is the setpoint.
        if (!(run.State == MeasurementState.Running && run.Phase == 2 && run.Arrival is not null)) run.Arrival = null;
        run.State = MeasurementState.Restoring;
        run.AfterRestore = end;
        run.Reason = reason;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
