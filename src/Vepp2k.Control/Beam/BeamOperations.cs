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
/// <param name="setRfShift">Moves the RF frequency off its harmonic (relative); null where there is no RF to step.</param>
public sealed class BeamOperations(ControlCore core, Func<BeamReadings?> readings, Action<double>? setRfShift = null)
{
    /// <summary>Default relative RF step of a dispersion measurement: delta = -step / alpha_c, about 1e-3 at VEPP-2000.</summary>
    public const double DefaultRfStep = 3.6e-5;

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
    /// <param name="rfStep">Relative RF-frequency step of a dispersion measurement after the correctors (0: none).</param>
    /// <param name="kickStep">Step every corrector by this kick [rad] instead of <paramref name="stepAmps"/> (what LOCO's model assumes).</param>
    public (OrbitResponseRun? Run, WriteResult Result) StartResponse(WriteContext who, IReadOnlyList<string>? correctors = null, double stepAmps = DefaultStepAmps,
        double rfStep = 0, double? kickStep = null)
    {
        const string subject = "VEPP/Orbit/Response";
        if (core.Authorize(who, subject, "change the machine") is { } denied) return (null, denied);
        correctors ??= SteeringCorrectors;
        lock (_gate)
        {
            var elements = correctors.Select(c => core.Machine.Find(c)).ToList();
            var kick = elements.Where(e => e is not null).ToDictionary(e => e!.Name, e => core.StrengthOf(e!, 1) - core.StrengthOf(e!, 0), StringComparer.OrdinalIgnoreCase);
            var steps = kick.ToDictionary(k => k.Key, k => kickStep is { } rad ? rad / Math.Abs(k.Value) : stepAmps, StringComparer.OrdinalIgnoreCase);
            var beam = readings();
            string? problem = correctors.Count == 0 ? "give at least one corrector"
                : correctors.FirstOrDefault(c => !SteeringCorrectors.Contains(c, StringComparer.OrdinalIgnoreCase)) is { } unknown ? $"'{unknown}' is not a dipole corrector ({string.Join(" ", SteeringCorrectors.Take(9))} ...)"
                : correctors.Distinct(StringComparer.OrdinalIgnoreCase).Count() != correctors.Count ? "a corrector appears twice"
                : !(stepAmps > 0 && stepAmps <= 2) ? "the step must be above 0 and at most 2 A"
                : kickStep is { } k && !(k > 0 && k <= 1e-3) ? "the kick step must be above 0 and at most 1 mrad"
                : !(rfStep >= 0 && rfStep <= 1e-3) ? "the RF step is relative: 0 (no dispersion) up to 1e-3"
                : rfStep > 0 && setRfShift is null ? "this machine has no RF frequency to step"
                : _runs.FirstOrDefault(r => !r.Finished) is { } running ? $"measurement #{running.Id} is {running.State}; abort it first"
                : beam is null || !beam.HasBeam ? "no beam: the response is measured with the beam's orbit"
                : elements.FirstOrDefault(e => Math.Abs(e!.Request) + steps[e.Name] > e.Model.MaxCurrent) is { } full ? F($"{full.Name} at {full.Request:F3} A has no room for a {steps[full.Name]:F2} A step")
                : null;
            if (problem is not null)
            {
                core.Journal.Log(EventKind.Operator, who.User, subject, $"start measurement refused via {who.Origin}", result: "refused: " + problem);
                return (null, WriteResult.Refused(problem));
            }
            var setpoints = elements.ToDictionary(e => e!.Name, e => e!.Request, StringComparer.OrdinalIgnoreCase);
            var run = new OrbitResponseRun(_nextId++, who.User, [.. elements.Select(e => e!.Name)], setpoints, kick, steps, rfStep, core.Time.GetUtcNow())
            {
                KickStep = kickStep,
            };
            _runs.Add(run);
            core.Journal.Log(EventKind.Operator, who.User, subject, $"measurement #{run.Id} started via {who.Origin}", null,
                (kickStep is { } r ? F($"{run.Correctors.Count} correctors, kick step {r * 1e3:F3} mrad") : F($"{run.Correctors.Count} correctors, step {stepAmps:F3} A")) + (rfStep > 0 ? F($", RF step {rfStep:G3}") : ""), "applied");
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
        var beam = readings();
        if (run.Noise is null)
        {
            if (beam is null || beam.Sequence <= run.ReadAfter) return;
            if (!beam.HasBeam) { End(run, MeasurementState.Failed, "no beam: " + beam.Status); return; }
            run.ReadAfter = beam.Sequence;
            run.Quiet.Add(beam.Orbit());
            if (run.Quiet.Count == OrbitResponseRun.NoiseReadings) (run.Noise, run.ReadAfter) = (Scatter(run.Quiet), -1);
            return;
        }
        if (run.Completing is { } after)
        {
            // The closing reading (tunes, beam spots) is one taken with everything back in place.
            if (beam is null || beam.Sequence <= after) return;
            run.Final = beam;
            Complete(run);
            return;
        }
        if (run.Arrival is null)
        {
            bool back = run.State == MeasurementState.Restoring || run.Phase == 2;
            var move = run.RfInHand ? MoveRf(run, back) : MoveCorrector(run, back);
            if (move is null) return;
            run.Arrival = move;
            return;
        }
        if (!run.Arrival.IsCompleted) return;
        string item = run.RfInHand ? "RF frequency" : run.Correctors[run.Index];
        var arrived = run.Arrival.Result;
        if (!arrived.Applied) { Failed(run, $"{item}: {arrived.Message}"); return; }
        if (run.State == MeasurementState.Restoring)
        {
            run.State = run.AfterRestore;
            run.Arrival = null;
            core.Journal.Log(EventKind.Operator, run.User, $"measurement #{run.Id}", $"measurement {run.State.ToString().ToLowerInvariant()}",
                result: $"{run.Reason}; {item} back, every corrector on its setpoint");
            return;
        }
        if (run.Phase == 2)
        {
            run.Arrival = null;
            if (!run.RfInHand) run.Measured++;
            (run.Index, run.Phase) = (run.Index + 1, 0);
            if (run.Index == run.Correctors.Count && run.RfStep == 0 || run.Index > run.Correctors.Count) run.Completing = beam?.Sequence ?? 0;
            return;
        }
        // Arrived: the orbit reading used must be taken after this point.
        if (run.ReadAfter == -1) { run.ReadAfter = beam?.Sequence ?? 0; return; }
        if (beam is null || beam.Sequence <= run.ReadAfter) return;
        if (!beam.HasBeam) { StopAndRestore(run, MeasurementState.Failed, "the beam was lost: " + beam.Status); return; }
        var orbit = beam.Orbit();
        if (run.Phase == 0) run.Plus = orbit;
        else
        {
            double step = run.RfInHand ? 2 * run.RfStep : 2 * run.Steps[item] * run.KickPerAmp[item];
            double[] column = [.. orbit.Select((minus, i) => (run.Plus![i] - minus) / step)];
            if (run.RfInHand) run.OrbitPerRf = column;
            else run.Columns[run.Index] = column;
        }
        run.Phase++;
        run.Arrival = null;
        run.ReadAfter = -1;
    }

    private Task<WriteResult>? MoveCorrector(OrbitResponseRun run, bool back)
    {
        string corrector = run.Correctors[run.Index];
        double setpoint = run.Setpoints[corrector];
        double target = back ? setpoint : setpoint + (run.Phase == 0 ? run.Steps[corrector] : -run.Steps[corrector]);
        string what = back ? "back to its setpoint" : run.Phase == 0 ? "+step" : "-step";
        var set = core.Set(Actor with { User = run.User }, [(corrector, target)], Units.Hardware, $"measurement #{run.Id}: {corrector} {what}");
        if (set.Applied && set.Done is not null) return set.Done;
        Failed(run, $"{corrector} {what} refused: {set.Message}");
        return null;
    }

    // The RF frequency moves at once (no supply to ramp); the next beam reading follows it.
    private Task<WriteResult> MoveRf(OrbitResponseRun run, bool back)
    {
        double shift = back ? 0 : run.Phase == 0 ? run.RfStep : -run.RfStep;
        setRfShift!(shift);
        core.Journal.Log(EventKind.Operator, run.User, "VEPP/RF/Freq", $"measurement #{run.Id}: RF frequency {(back ? "back to the harmonic" : F($"{shift:+0.0##E+0;-0.0##E+0} relative"))}", result: "applied");
        return Task.FromResult(WriteResult.Ok("RF frequency set"));
    }

    // Rms noise of one reading per monitor from consecutive quiet readings: the differences of
    // neighbours carry twice a reading's variance and none of a slow drift's.
    private static double[] Scatter(List<double[]> quiet) =>
        [.. Enumerable.Range(0, quiet[0].Length).Select(i =>
            Math.Sqrt(Enumerable.Range(1, quiet.Count - 1).Average(k => Math.Pow(quiet[k][i] - quiet[k - 1][i], 2)) / 2))];

    private void End(OrbitResponseRun run, MeasurementState state, string reason)
    {
        run.State = state;
        run.Reason = reason;
        core.Journal.Log(EventKind.Operator, run.User, $"measurement #{run.Id}", $"measurement {state.ToString().ToLowerInvariant()}", result: reason);
    }

    private void Complete(OrbitResponseRun run)
    {
        int rows = run.Columns[0].Length;
        var matrix = new double[rows, run.Correctors.Count];
        for (int j = 0; j < run.Correctors.Count; j++)
            for (int i = 0; i < rows; i++) matrix[i, j] = run.Columns[j][i];
        run.Result = new OrbitResponse(OrbitResponse.AllMonitors, run.Correctors, matrix);
        run.State = MeasurementState.Completed;
        run.Reason = F($"{run.Correctors.Count} correctors x {OrbitResponse.AllMonitors.Count} monitors") + (run.OrbitPerRf is null ? "" : " and the dispersion")
            + F($" in {(core.Time.GetUtcNow() - run.Started).TotalSeconds:F0} s");
        core.Journal.Log(EventKind.Operator, run.User, $"measurement #{run.Id}", "measurement completed", result: run.Reason + "; every corrector on its setpoint");
    }

    // A failure while stepping: put the corrector in hand back; a failure while putting it back: stop, and say where it is.
    private void Failed(OrbitResponseRun run, string reason)
    {
        if (run.State == MeasurementState.Restoring && !run.RfInHand)
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
        // Nothing moved yet (still reading the quiet orbit), or everything is already back: it just ends.
        if (run.Noise is null || run.Completing is not null)
        {
            End(run, end, reason + "; nothing was off its setpoint");
            return;
        }
        // Already putting the corrector back after its two readings: that ramp's target is the setpoint.
        if (!(run.State == MeasurementState.Running && run.Phase == 2 && run.Arrival is not null)) run.Arrival = null;
        run.State = MeasurementState.Restoring;
        run.AfterRestore = end;
        run.Reason = reason;
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
