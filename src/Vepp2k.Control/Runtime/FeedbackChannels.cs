using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The optional energy feedback as channels: VEPP/Energy/Feedback (Off/On), VEPP/Energy/Target
/// [MeV, calibrated scale] and VEPP/Energy/FeedbackStatus. When on, once per step period it trims
/// the dipole current through the control core (guarded, ramped and logged under the user
/// "energy-feedback" like any operator request), never while a ramp moves the dipole supply.
/// </summary>
public sealed class FeedbackChannels
{
    private static readonly WriteContext Actor = new("energy-feedback", Role.Expert, "feedback");
    private readonly ControlCore _core;
    private readonly EnergyFeedback _feedback;
    private readonly Channel _enabled, _target, _status;
    private bool _on;
    private double _targetEv;

    public FeedbackChannels(ChannelRegistry r, ControlCore core)
    {
        _core = core;
        _feedback = new EnergyFeedback(core.Machine.Catalogue);
        _targetEv = core.EnergyEv;
        _enabled = r.Add(new ChannelSpec
        {
            Path = "VEPP/Energy/Feedback", Type = ChannelType.Enum, EnumLabels = ["Off", "On"], Access = ChannelAccess.ReadWrite,
            DriveLow = 0, DriveHigh = 1, Description = "energy feedback on the dipole current",
        }, ChannelValue.OfEnum(0));
        _enabled.WriteHandler = (v, who) =>
        {
            _on = v.Number >= 1;
            core.Journal.Log(EventKind.Operator, who.User, "VEPP/Energy/Feedback", _on ? "feedback on" : "feedback off", null, _on ? "On" : "Off", "applied");
            return WriteResult.Ok(_on ? "energy feedback on" : "energy feedback off");
        };
        _target = r.Add(new ChannelSpec
        {
            Path = "VEPP/Energy/Target", Units = "MeV", Precision = 4, Access = ChannelAccess.ReadWrite, DriveLow = 160, DriveHigh = 1000,
            Description = "energy the feedback holds (calibrated scale)",
        }, ChannelValue.Of(_targetEv / 1e6));
        _target.WriteHandler = (v, who) =>
        {
            double old = _targetEv;
            _targetEv = v.Number * 1e6;
            core.Journal.Log(EventKind.Operator, who.User, "VEPP/Energy/Target", "feedback target", $"{old / 1e6:F4} MeV", $"{v.Number:F4} MeV", "applied");
            return WriteResult.Ok($"feedback target {v.Number} MeV");
        };
        _status = r.Add(new ChannelSpec { Path = "VEPP/Energy/FeedbackStatus", Type = ChannelType.String, Description = "what the feedback did last" }, ChannelValue.OfString("off"));
    }

    public void Step(EnergyResult? measured, DateTimeOffset now)
    {
        _enabled.Post(_on ? 1 : 0, now);
        _target.Post(_targetEv / 1e6, now);
        if (!_on || measured is null) { _status.Post(ChannelValue.OfString(_on ? "waiting for a measurement" : "off"), now); return; }
        var ps = _core.Machine.DipoleSupply;
        if (_core.Ramps.Any(r => !r.Finished && r.Involves(ps))) { _status.Post(ChannelValue.OfString("holding: the dipole supply is ramping"), now); return; }
        var step = _feedback.Next(_targetEv, measured, ps.Supply.Setpoint);
        if (!step.Acts) { _status.Post(ChannelValue.OfString("holding: " + step.Reason), now); return; }
        var result = _core.Set(Actor, [(ps.Name, step.CurrentSetpoint)], Units.Hardware, "energy feedback");
        _status.Post(ChannelValue.OfString(result.Applied ? step.Reason : "refused: " + result.Message), now);
    }
}
