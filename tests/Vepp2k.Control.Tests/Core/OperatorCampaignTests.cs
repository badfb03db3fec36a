using CsCheck;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Tests.Core;

/// <summary>
/// Random operator sessions (4 x 2500 commands: sets in amperes and strengths, group set / step /
/// scale, switches, resets, ramp pause / resume / abort, viewer attempts, bad values) against the
/// invariants: no current outside its limits, no SC solenoid polarity flip under current, every
/// command applied and logged or refused with a reason, and no event lost.
/// </summary>
public class OperatorCampaignTests
{
    private abstract record Command;
    private sealed record SetCommand(int Element, double Fraction, bool Physics, bool AsViewer) : Command;
    private sealed record GroupCommand(int Group, GroupOperation Operation, double Value) : Command;
    private sealed record SwitchCommand(int Element, bool On, bool Confirmed) : Command;
    private sealed record ResetCommand(int Element) : Command;
    private sealed record RampCommand(int Action) : Command;
    private sealed record WaitCommand(int Ticks) : Command;

    private static readonly Gen<Command> CommandGen = Gen.Frequency(
        (6, Gen.Select(Gen.Int[0, 100], Gen.Double[-1.3, 1.3], Gen.Bool, Gen.Int[0, 9]).Select((e, f, p, v) => (Command)new SetCommand(e, f, p, v == 0))),
        (3, Gen.Select(Gen.Int[0, 40], Gen.Enum<GroupOperation>(), Gen.Double[-2, 2]).Select((g, o, v) => (Command)new GroupCommand(g, o, v))),
        (1, Gen.Select(Gen.Int[0, 100], Gen.Bool, Gen.Bool).Select((e, on, c) => (Command)new SwitchCommand(e, on, c))),
        (1, Gen.Int[0, 100].Select(e => (Command)new ResetCommand(e))),
        (1, Gen.Int[0, 2].Select(a => (Command)new RampCommand(a))),
        (4, Gen.Int[1, 20].Select(t => (Command)new WaitCommand(t))));

    [Fact]
    public void RandomOperatorSessionsKeepTheInvariants()
    {
        CommandGen.Array[2500].Sample(commands =>
        {
            using var rig = new SyncRig();
            int expectedEvents = 0;
            var lastSign = rig.Machine.Elements.Where(e => e.IsSolenoid).ToDictionary(e => e.Name, e => Math.Sign(rig.Simulator.Supply(e.Name).LoadCurrent));
            foreach (var command in commands)
            {
                expectedEvents += Execute(rig, command);
                // Every tick is checked: a polarity reversal takes about a second, so a wait checked only
                // at its end could hide a flip from + to - between two samples.
                int ticks = command is WaitCommand w ? w.Ticks : 1;
                for (int i = 0; i < ticks; i++)
                {
                    rig.Tick();
                    CheckLimits(rig, lastSign);
                }
            }
            int logged = rig.System.Store.QueryEvents(new EventQuery(User: "alice", Limit: 1_000_000)).Count
                + rig.System.Store.QueryEvents(new EventQuery(User: "victor", Limit: 1_000_000)).Count;
            Assert.Equal(0, rig.System.Core.Journal.Pending);
            Assert.Equal(expectedEvents, logged);
        }, iter: 4, threads: 1);
    }

    /// <summary>Runs one command; returns how many events it must have logged under the operator's or viewer's name.</summary>
    private static int Execute(SyncRig rig, Command command)
    {
        var core = rig.System.Core;
        var elements = rig.Machine.Elements;
        switch (command)
        {
            case SetCommand s:
                {
                    var e = elements[s.Element % elements.Count];
                    double value = s.Physics ? core.StrengthOf(e, e.Model.MaxCurrent) * s.Fraction : e.Model.MaxCurrent * s.Fraction;
                    var who = s.AsViewer ? ControlRig.Viewer : ControlRig.Operator;
                    var r = core.Set(who, [(e.Name, value)], s.Physics ? Units.Physics : Units.Hardware, "campaign");
                    Assert.True(r.Applied || r.Message.Length > 0);
                    if (s.AsViewer) Assert.False(r.Applied);
                    return r.Applied ? r.Items.Count : 1;
                }
            case GroupCommand g:
                {
                    var groups = core.Groups.All;
                    var group = groups[g.Group % groups.Count];
                    double value = g.Operation == GroupOperation.Scale ? 1 + g.Value / 10 : g.Value;
                    var r = core.Apply(ControlRig.Operator, group.Name, g.Operation, value, Units.Hardware);
                    Assert.True(r.Applied || r.Message.Length > 0);
                    return r.Applied ? r.Items.Count : 1;
                }
            case SwitchCommand w:
                {
                    var e = elements[w.Element % elements.Count];
                    var busy = core.Ramps.FirstOrDefault(x => !x.Finished && x.Involves(e));
                    var r = core.Switch(ControlRig.Operator with { Confirmed = w.Confirmed }, e.Name, w.On);
                    Assert.True(r.Applied || r.Message.Length > 0);
                    // Switching off aborts the ramp it is in: one more event per element it still moved
                    // (legs a later request took over are not this ramp's to stop), where it stopped.
                    return 1 + (busy?.State == RampState.Aborted ? busy.ActiveLegs.Count() : 0);
                }
            case ResetCommand x:
                {
                    var r = core.ResetInterlocks(ControlRig.Operator, elements[x.Element % elements.Count].Name);
                    Assert.True(r.Applied || r.Message.Length > 0);
                    return 1;
                }
            case RampCommand a:
                {
                    var ramps = core.Ramps;
                    if (ramps.Count == 0) return 0;
                    var r = core.ControlRamp(ControlRig.Operator, ramps[^1].Id, a.Action switch { 0 => "pause", 1 => "resume", _ => "abort" });
                    Assert.True(r.Applied || r.Message.Length > 0);
                    // An abort also logs where each element stopped.
                    return 1 + (a.Action == 2 && r.Applied ? ramps[^1].ActiveLegs.Count() : 0);
                }
            case WaitCommand:
                return 0;
            default:
                throw new InvalidOperationException();
        }
    }

    private static void CheckLimits(SyncRig rig, Dictionary<string, int> lastSign)
    {
        foreach (var e in rig.Machine.Elements)
        {
            var s = rig.Simulator.Supply(e.Name);
            Assert.InRange(s.Setpoint, e.Model.MinCurrent, e.Model.MaxCurrent);
            Assert.InRange(s.LoadCurrent, e.Model.MinCurrent - 1e-6 * e.Model.MaxCurrent, e.Model.MaxCurrent * (1 + 1e-6));
            if (!e.IsSolenoid) continue;
            int sign = Math.Abs(s.LoadCurrent) <= s.Parameters.ZeroCurrentThreshold ? 0 : Math.Sign(s.LoadCurrent);
            // A flip from + to - (or back) must pass through zero current at a tick in between.
            Assert.False(sign != 0 && lastSign[e.Name] != 0 && sign != lastSign[e.Name], $"{e.Name} reversed polarity under current");
            lastSign[e.Name] = sign;
        }
    }

    /// <summary>The rig without async disposal, for CsCheck's synchronous sample.</summary>
    private sealed class SyncRig : IDisposable
    {
        private readonly ControlRig _rig = new();
        public ControlSystem System => _rig.System;
        public MagnetSystem Machine => _rig.System.Machine;
        public SimulatedHardware Simulator => _rig.System.Simulator!;
        public void Tick() => _rig.Run(0.1);
        public void Dispose() => _rig.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }
}
