using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Interlocks;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Operations;

/// <summary>
/// What operators do to the magnets, one by one or in groups: every request is converted to
/// amperes, judged whole by the <see cref="RequestGuard"/>, executed as one synchronised
/// <see cref="Ramp"/>, and logged with who, what, old -> new and the result. A refused request
/// changes nothing. The device loop calls <see cref="Tick"/>; one lock serialises the loop and
/// the operations so a request always sees a consistent machine.
/// </summary>
public sealed partial class ControlCore
{
    private readonly Lock _gate = new();
    private readonly List<Ramp> _ramps = [];
    private long _nextRampId = 1;

    public ControlCore(MagnetSystem machine, IControlStore store, TimeProvider time)
    {
        Machine = machine;
        Store = store;
        Time = time;
        Journal = new EventJournal(store, time);
        Groups = new GroupCatalog(machine, store);
        Guard = new RequestGuard(machine);
        _watch = new DeviceWatch(this);
        // The ends of the energy range in dipole current: fixed by the catalogue, so inverted once.
        _dipoleCurrentAtMin = machine.Catalogue.DipoleCurrent(BeamEnergyRange.MinEv);
        _dipoleCurrentAtMax = machine.Catalogue.DipoleCurrent(BeamEnergyRange.MaxEv);
    }

    private readonly double _dipoleCurrentAtMin, _dipoleCurrentAtMax;

    public MagnetSystem Machine { get; }
    public IControlStore Store { get; }
    public TimeProvider Time { get; }
    public EventJournal Journal { get; }
    public GroupCatalog Groups { get; }
    public RequestGuard Guard { get; }

    /// <summary>
    /// The beam energy the strengths refer to [eV]: the one the dipole setpoint bends on the design
    /// orbit, held inside the machine's 0.16-1 GeV range (outside it strengths refer to the nearer end).
    /// </summary>
    public double EnergyEv
    {
        get
        {
            double ps = Math.Min(Machine.DipoleSupply.Supply.Setpoint, Machine.DipoleSupply.Model.MaxCurrent);
            if (ps <= _dipoleCurrentAtMin) return BeamEnergyRange.MinEv;
            if (ps >= _dipoleCurrentAtMax) return BeamEnergyRange.MaxEv;
            return Machine.Catalogue.BeamEnergy(ps);
        }
    }

    /// <summary>Ramps running, paused, or finished within the last minutes (newest last).</summary>
    public IReadOnlyList<Ramp> Ramps { get { lock (_gate) return [.. _ramps]; } }

    public Ramp? FindRamp(long id) { lock (_gate) return _ramps.FirstOrDefault(r => r.Id == id); }

    /// <summary>Sets elements to values (amperes, or strengths at the present energy).</summary>
    public OperationResult Set(WriteContext who, IReadOnlyList<(string Element, double Value)> targets, Units units, string description)
    {
        if (Authorize(who, description, "change the machine") is { } denied) return OperationResult.Refused(denied.Message) with { Denied = true };
        if (targets.Count == 0) return Refuse(who, description, "nothing to set");
        lock (_gate)
        {
            Machine.Update();
            var legs = new List<RampLeg>();
            foreach (var (name, value) in targets)
            {
                var e = Machine.Find(name);
                if (e is null) return Refuse(who, description, $"no element '{name}'");
                if (legs.Any(l => l.Element == e)) return Refuse(who, description, $"{e.Name} appears twice");
                var (amps, error) = ToCurrent(e, value, units);
                if (error is not null) return Refuse(who, description, error);
                legs.Add(new RampLeg(e, e.Supply.Setpoint, amps));
            }
            return Start(who, legs, description);
        }
    }

    /// <summary>A group operation: set, increment or scale every member, in amperes or strengths.</summary>
    public OperationResult Apply(WriteContext who, string group, GroupOperation operation, double value, Units units)
    {
        string description = $"{operation} {group} {(operation == GroupOperation.Scale ? "x" : "")}{value:G6} ({units})";
        var g = Groups.Find(group);
        if (g is null) return Refuse(who, description, $"no group '{group}'; groups: {string.Join(", ", Groups.All.Select(x => x.Name))}");
        if (!double.IsFinite(value)) return Refuse(who, description, $"{value} is not a finite number");
        var targets = new List<(string, double)>();
        lock (_gate)
        {
            foreach (var name in g.Members)
            {
                var e = Machine.Get(name);
                double now = units == Units.Hardware ? e.Request : StrengthOf(e, e.Request);
                targets.Add((name, operation switch
                {
                    GroupOperation.Set => value,
                    GroupOperation.Increment => now + value,
                    _ => now * value,
                }));
            }
        }
        return Set(who, targets, units, description);
    }

    /// <summary>The strength an element gives at a current, at the present energy.</summary>
    public double StrengthOf(PoweredElement e, double amperes) => StrengthOf(e, amperes, EnergyEv);

    /// <summary>The strength at a given energy (for callers converting many elements at one energy).</summary>
    public static double StrengthOf(PoweredElement e, double amperes, double energyEv) =>
        e.Model.StrengthFromCurrent(Math.Clamp(amperes, e.Model.MinCurrent, e.Model.MaxCurrent), energyEv);

    /// <summary>The current for a request value, or why there is none (out of the magnet's range).</summary>
    private (double Amps, string? Error) ToCurrent(PoweredElement e, double value, Units units)
    {
        if (!double.IsFinite(value)) return (0, $"{e.Name}: {value} is not a finite number");
        if (units == Units.Hardware) return (value, null);
        try { return (e.Model.CurrentFromStrength(value, EnergyEv), null); }
        catch (ArgumentException x) { return (0, $"{e.Name}: {x.Message}"); }
    }

    private OperationResult Start(WriteContext who, IReadOnlyList<RampLeg> legs, string description, EnergyRampPlan? energy = null)
    {
        if (Guard.Check(legs) is { } reason) return Refuse(who, description, reason);
        var now = Time.GetUtcNow();
        long id = _nextRampId++;
        // A new request takes its elements over from the ramps moving them: writes are never dropped.
        foreach (var l in legs)
            foreach (var r in _ramps.Where(r => !r.Finished && r.Involves(l.Element))) r.Release(l.Element, id);
        var ramp = energy is null
            ? new Ramp(id, description, who.User, legs, RampPlanner.Duration(legs), now)
            : new Ramp(id, description, who.User, legs, energy.Duration, now) { Energy = energy.Energy };
        _ramps.Add(ramp);
        foreach (var l in legs) l.Element.Request = l.Target;
        StepAndLog(ramp, now);
        var items = legs.Select(l => new OperationItem(l.Element.Name, l.Start, l.Target)).ToList();
        foreach (var l in legs)
            Journal.Log(EventKind.Operator, who.User, l.Element.SetpointChannel, description + $" via {who.Origin}",
                $"{l.Start:F4} A", $"{l.Target:F4} A", $"applied (ramp #{ramp.Id})");
        return new OperationResult(true, $"ramp #{ramp.Id}: {legs.Count} element(s) in {ramp.Duration.TotalSeconds:F1} s", ramp.Id, items, ramp.Done);
    }

    private OperationResult Refuse(WriteContext who, string description, string reason)
    {
        Journal.Log(EventKind.Operator, who.User, description, $"refused request via {who.Origin}", result: "refused: " + reason);
        return OperationResult.Refused(reason);
    }

    /// <summary>
    /// A protection pauses a running ramp (not an operator: no rights involved), with the reason in
    /// the event log; an operator resumes or aborts it. False when the ramp was not running.
    /// </summary>
    public bool HoldRamp(long id, string by, string reason)
    {
        lock (_gate)
        {
            var ramp = _ramps.FirstOrDefault(r => r.Id == id);
            if (ramp is null || !ramp.Pause()) return false;
            Journal.Log(EventKind.Interlock, by, $"ramp #{id}", "ramp paused: " + reason, result: ramp.Where());
            return true;
        }
    }

    /// <summary>Pause, resume or abort a ramp; says where it stopped.</summary>
    public WriteResult ControlRamp(WriteContext who, long id, string action)
    {
        if (Authorize(who, $"ramp #{id}", "control ramps") is { } denied) return denied;
        lock (_gate)
        {
            var ramp = _ramps.FirstOrDefault(r => r.Id == id);
            if (ramp is null) return Refused(who, $"ramp #{id}", action, $"no ramp #{id}");
            Machine.Update();
            bool done = action switch
            {
                "pause" => ramp.Pause(),
                "resume" => ramp.Resume(),
                "abort" => ramp.Abort($"aborted by {who.User}"),
                _ => throw new ArgumentException($"unknown ramp action '{action}' (pause, resume, abort)"),
            };
            var result = done ? WriteResult.Ok(ramp.Where()) : WriteResult.Refused($"ramp #{id} is {ramp.State}; cannot {action}");
            Journal.Log(EventKind.Operator, who.User, $"ramp #{id}", action, result: result.ToString());
            if (done && action == "abort") LogStops(ramp, who.User);
            return result;
        }
    }

    /// <summary>Switches a supply on or off (off of the dipole supply with solenoids powered needs confirmation).</summary>
    public WriteResult Switch(WriteContext who, string element, bool on)
    {
        if (Authorize(who, element, "switch supplies") is { } denied) return denied;
        lock (_gate)
        {
            var e = Machine.Find(element);
            if (e is null) return Refused(who, element, on ? "switch on" : "switch off", $"no element '{element}'");
            if (!on && Guard.CheckSwitchOff(e, who.Confirmed) is { } reason)
            {
                Journal.Log(EventKind.Interlock, who.User, e.Path, "switch off refused", result: "refused: " + reason);
                return WriteResult.Refused(reason);
            }
            if (_ramps.FirstOrDefault(r => !r.Finished && r.Involves(e)) is { } busy && !on && busy.Abort($"{e.Name} switched off by {who.User}"))
                LogStops(busy, who.User);
            var old = e.Supply.State;
            var r = on ? e.Supply.SwitchOn() : e.Supply.SwitchOff();
            var result = r.Accepted ? WriteResult.Ok(r.Reason) : WriteResult.Refused(r.Reason);
            Journal.Log(EventKind.Operator, who.User, e.Path, on ? "switch on" : "switch off", old.ToString(), e.Supply.State.ToString(), result.ToString());
            return result;
        }
    }

    /// <summary>Resets a supply's latched interlocks: refused while the cause is still there.</summary>
    public WriteResult ResetInterlocks(WriteContext who, string element)
    {
        if (Authorize(who, element, "reset interlocks") is { } denied) return denied;
        lock (_gate)
        {
            var e = Machine.Find(element);
            if (e is null) return Refused(who, element, "reset interlocks", $"no element '{element}'");
            var latched = e.Supply.LatchedInterlocks;
            var r = e.Supply.ResetInterlocks();
            var result = r.Accepted ? WriteResult.Ok(r.Reason) : WriteResult.Refused(r.Reason);
            Journal.Log(EventKind.Interlock, who.User, e.Path, "reset interlocks", latched.ToString(), e.Supply.LatchedInterlocks.ToString(), result.ToString());
            return result;
        }
    }

    /// <summary>
    /// Waits until every element's readback is within tolerance of its target, or the timeout
    /// (simulated time) passes; reports who did not arrive and where they are.
    /// </summary>
    public async Task<ArrivalReport> WaitForArrival(IReadOnlyList<(string Element, double Target)> targets, double toleranceAmps,
        TimeSpan timeout, CancellationToken cancel = default)
    {
        var deadline = Time.GetUtcNow() + timeout;
        while (true)
        {
            List<string> arrived = [], missing = [];
            lock (_gate)
            {
                foreach (var (name, target) in targets)
                {
                    var e = Machine.Get(name);
                    double read = 0.5 * (e.Supply.Dcct1 + e.Supply.Dcct2);
                    if (Math.Abs(read - target) <= toleranceAmps && e.Supply.State == SupplyState.On) arrived.Add(e.Name);
                    else missing.Add($"{e.Name} at {read:F3} A ({e.Supply.State}), target {target:F3} A");
                }
            }
            if (missing.Count == 0) return new ArrivalReport(true, arrived, [], $"all {arrived.Count} arrived within {toleranceAmps} A");
            if (Time.GetUtcNow() >= deadline)
                return new ArrivalReport(false, arrived, missing, $"{missing.Count} of {targets.Count} did not arrive within {timeout.TotalSeconds:F0} s: {string.Join("; ", missing)}");
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancel);
        }
    }

    /// <summary>One device-loop period: devices to now, ramps a step, state changes and quenches logged.</summary>
    public void Tick()
    {
        lock (_gate)
        {
            Machine.Update();
            var now = Time.GetUtcNow();
            foreach (var ramp in _ramps.Where(r => !r.Finished)) StepAndLog(ramp, now);
            _watch.Check(now);
            foreach (var ramp in _ramps.Where(r => r.State == RampState.Completed && !r.Done.IsCompleted)) Settle(ramp, now);
            foreach (var scan in _scans.Where(s => s.State == ScanState.Running)) StepScan(scan, now);
            StoreScans();
            _ramps.RemoveAll(r => r.Finished && r.Done.IsCompleted && now - r.Started > TimeSpan.FromMinutes(10));
        }
        Journal.Retry();
    }

    /// <summary>How long a completed ramp's supplies may take to settle within tolerance before it is reported as not arrived.</summary>
    public static readonly TimeSpan SettleTime = TimeSpan.FromSeconds(30);

    private void StepAndLog(Ramp ramp, DateTimeOffset now)
    {
        if (ramp.Step(now) is not { } refusal) return;
        Journal.Log(EventKind.Interlock, "system", $"ramp #{ramp.Id}", "ramp aborted", result: ramp.Where() + " - " + refusal);
        LogStops(ramp, "system");
    }

    /// <summary>Ends a completed ramp's <see cref="Ramp.Done"/>: all arrived, one tripped or switched off, or the settle time ran out.</summary>
    private void Settle(Ramp ramp, DateTimeOffset now)
    {
        var missing = ramp.ActiveLegs.Where(l => !l.Element.HasArrived(l.Target)).ToList();
        if (missing.Count == 0)
        {
            ramp.Settle(WriteResult.Ok($"ramp #{ramp.Id}: every element arrived"));
            return;
        }
        string Where(RampLeg l) => $"{l.Element.Name} at {l.Element.Readback:F4} A ({l.Element.Supply.State}), target {l.Target:F4} A";
        if (missing.FirstOrDefault(l => l.Element.Supply.State is not (SupplyState.On or SupplyState.ReversingPolarity)) is { } stopped)
            ramp.Settle(WriteResult.Refused($"ramp #{ramp.Id}: {Where(stopped)}"));
        else if (now - ramp.Started > ramp.Duration + SettleTime)
            ramp.Settle(WriteResult.Refused($"ramp #{ramp.Id}: not arrived within {SettleTime.TotalSeconds:F0} s of its end: {string.Join("; ", missing.Select(Where))}"));
    }

    /// <summary>Stops every running ramp that moves one of these elements (a quench's dependent operations).</summary>
    private void AbortRampsInvolving(Func<PoweredElement, bool> which, string reason)
    {
        foreach (var r in _ramps.Where(r => !r.Finished && r.Legs.Any(l => which(l.Element))))
        {
            r.Abort(reason);
            Journal.Log(EventKind.Interlock, "system", $"ramp #{r.Id}", "ramp aborted", result: r.Where() + " - " + reason);
            LogStops(r, "system");
        }
    }

    /// <summary>
    /// One event per element of an aborted ramp, so the log alone tells where each supply was left:
    /// the setpoint it holds, the current it carried at the abort (mean of the two DCCTs) and the target.
    /// </summary>
    private void LogStops(Ramp r, string user)
    {
        foreach (var l in r.ActiveLegs)
        {
            double held = r.SetpointOf(l), read = l.Element.Readback;
            Journal.Log(EventKind.Operator, user, l.Element.SetpointChannel, $"ramp #{r.Id} aborted: {r.StopReason}",
                $"{l.Start:F4} A", $"{held:F4} A", $"stopped at {held:F4} A setpoint, {read:F4} A read, target {l.Target:F4} A");
        }
    }

    /// <summary>A refusal before anything was looked at (rights, unknown name): logged like every other refusal.</summary>
    private WriteResult Refused(WriteContext who, string subject, string action, string reason)
    {
        Journal.Log(EventKind.Operator, who.User, subject, $"{action} refused via {who.Origin}", result: "refused: " + reason);
        return WriteResult.Refused(reason);
    }
}
