using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    private readonly DeviceWatch _watch;

    /// <summary>True unless a quench has made the beam-relevant magnet state invalid (cleared by an operator).</summary>
    public bool BeamStateValid => _watch.BeamStateValid;

    /// <summary>The reason the beam state is invalid, or empty.</summary>
    public string BeamStateReason => _watch.Reason;

    /// <summary>Marks the magnet state valid again after a quench has been dealt with.</summary>
    public WriteResult AcknowledgeBeamState(WriteContext who)
    {
        const string subject = "VEPP/Control/BeamStateValid", action = "acknowledge beam state";
        if (Authorize(who, subject, action) is { } denied) return denied;
        lock (_gate)
        {
            if (_watch.BeamStateValid) return Refused(who, subject, action, "beam state is already valid");
            if (Machine.Solenoids.Any(s => s.Discharging))
                return Refused(who, subject, action, "a solenoid is still discharging");
            _watch.Clear();
            Journal.Log(EventKind.State, who.User, "VEPP/Control/BeamStateValid", "beam state acknowledged valid", "invalid", "valid", "applied");
            return WriteResult.Ok("beam state valid");
        }
    }

    /// <summary>
    /// Watches the devices between ticks: supply state and interlock transitions become events, a
    /// new quench aborts every ramp moving a solenoid, logs the quench and marks the beam state invalid.
    /// </summary>
    private sealed class DeviceWatch(ControlCore core)
    {
        private readonly Dictionary<string, (SupplyState State, InterlockBits Latched)> _last = [];
        private readonly Dictionary<string, int> _quenches = [];
        private readonly HashSet<Quench.QuenchEvent> _open = [];

        public bool BeamStateValid { get; private set; } = true;
        public string Reason { get; private set; } = "";

        public void Clear() { BeamStateValid = true; Reason = ""; }

        public void Check(DateTimeOffset now)
        {
            foreach (var e in core.Machine.Elements)
            {
                var s = (e.Supply.State, e.Supply.LatchedInterlocks);
                if (_last.TryGetValue(e.Name, out var old) && old != s)
                {
                    if (old.Latched != s.LatchedInterlocks && s.LatchedInterlocks != InterlockBits.None)
                        core.Journal.Log(EventKind.Interlock, "system", e.Path, "interlock tripped", old.Latched.ToString(), s.LatchedInterlocks.ToString(), "supply output disabled");
                    // Off, switching off or tripped, a supply does 0 A, and that is what it is asked for now.
                    if (old.State != s.State && s.State is SupplyState.Off or SupplyState.SwitchingOff or SupplyState.Interlock)
                        e.Request = 0;
                    if (old.State != s.State)
                        core.Journal.Log(EventKind.State, "system", e.Path, "supply state", old.State.ToString(), s.State.ToString(), "");
                }
                _last[e.Name] = s;
            }
            foreach (var solenoid in core.Machine.Solenoids)
            {
                int seen = _quenches.GetValueOrDefault(solenoid.Name);
                for (int i = seen; i < solenoid.Quenches.Count; i++)
                {
                    var q = solenoid.Quenches[i];
                    _open.Add(q);
                    BeamStateValid = false;
                    Reason = $"quench of {solenoid.Name} section {q.QuenchedSection} at {q.Start:HH:mm:ss.fff}";
                    core.Journal.Log(EventKind.Quench, "system", $"VEPP/SOL/{solenoid.Name}", "quench", result: q.ToString());
                    core.AbortRampsInvolving(x => x.IsSolenoid, $"quench of {solenoid.Name}");
                }
                _quenches[solenoid.Name] = solenoid.Quenches.Count;
            }
            foreach (var q in _open.Where(q => q.Released is not null).ToList())
            {
                _open.Remove(q);
                core.Journal.Log(EventKind.Quench, "system", $"VEPP/SOL/{q.Solenoid}", "quench discharge over", result: q.ToString());
            }
        }
    }
}
