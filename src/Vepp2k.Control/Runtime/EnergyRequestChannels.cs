using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The beam energy as a setpoint any client can write (CA, VCAS, HTTP): VEPP/Energy/Request moves
/// the whole machine to that energy with every strength kept (<see cref="ControlCore.SetEnergy"/>;
/// a CA put-callback completes when every supply has arrived), at VEPP/Energy/RampRate or slower
/// if the supplies need; VEPP/Energy/RampState says where an energy ramp is.
/// </summary>
public sealed class EnergyRequestChannels
{
    private readonly ControlCore _core;
    private readonly Channel _request, _rate, _state;
    private double _rateEvPerSecond = ControlCore.DefaultEnergyRateEvPerSecond;

    public EnergyRequestChannels(ChannelRegistry r, ControlCore core)
    {
        _core = core;
        _request = r.Add(new ChannelSpec
        {
            Path = "VEPP/Energy/Request", Units = "MeV", Precision = 3, Access = ChannelAccess.ReadWrite, DriveLow = 160, DriveHigh = 1000,
            Description = "beam energy asked for: writing it ramps every supply so that every strength is kept",
        }, ChannelValue.Of(core.EnergyEv / 1e6));
        _request.WriteHandler = (v, who) =>
        {
            var result = core.SetEnergy(who, v.Number * 1e6, _rateEvPerSecond);
            return result.Applied ? WriteResult.Ok(result.Message, result.Done) : WriteResult.Refused(result.Message) with { Denied = result.Denied };
        };
        _rate = r.Add(new ChannelSpec
        {
            Path = "VEPP/Energy/RampRate", Units = "MeV/s", Precision = 2, Access = ChannelAccess.ReadWrite, DriveLow = 0.01, DriveHigh = 100,
            Description = "fastest energy change an energy request asks for (the supplies may need longer)",
        }, ChannelValue.Of(_rateEvPerSecond / 1e6));
        _rate.WriteHandler = (v, who) =>
        {
            if (core.Authorize(who, "VEPP/Energy/RampRate", "change the machine") is { } denied) return denied;
            double old = _rateEvPerSecond;
            _rateEvPerSecond = v.Number * 1e6;
            core.Journal.Log(EventKind.Operator, who.User, "VEPP/Energy/RampRate", $"energy ramp rate via {who.Origin}",
                F($"{old / 1e6:G4} MeV/s"), F($"{v.Number:G4} MeV/s"), "applied");
            return WriteResult.Ok(F($"energy ramp rate {v.Number:G4} MeV/s"));
        };
        _state = r.Add(new ChannelSpec { Path = "VEPP/Energy/RampState", Type = ChannelType.String, Description = "where the energy ramp is" },
            ChannelValue.OfString("idle"));
    }

    public void Publish(DateTimeOffset now)
    {
        _request.Post((_core.RequestedEnergyEv ?? _core.EnergyEv) / 1e6, now);
        _rate.Post(_rateEvPerSecond / 1e6, now);
        var ramp = _core.Ramps.LastOrDefault(x => x.Energy is not null);
        _state.Post(ChannelValue.OfString(ramp is null ? "idle"
            : F($"ramp #{ramp.Id} {ramp.State} at {ramp.EnergyNowEv!.Value / 1e6:F3} MeV ({ramp.Fraction:P0} of {ramp.Energy!.Value.FromEv / 1e6:F3} -> {ramp.Energy.Value.ToEv / 1e6:F3} MeV)")), now);
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
