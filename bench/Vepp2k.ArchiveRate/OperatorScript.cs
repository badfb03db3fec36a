using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;

namespace Vepp2k.ArchiveRate;

/// <summary>
/// A busy shift, run on the device-loop thread between steps: every simulated minute an operator
/// nudges one quad setpoint by +-0.5 A through its channel (as any client would), and every 20
/// minutes a corrector supply trips on a water interlock and is reset and switched on 2 minutes
/// later. It remembers what it did, so the archive can be checked against it.
/// </summary>
public sealed class OperatorScript(ControlSystem system)
{
    private static readonly WriteContext Operator = new("bench", Role.Operator, "bench");
    private static readonly TimeSpan WritePeriod = TimeSpan.FromMinutes(1), TripPeriod = TimeSpan.FromMinutes(20), TripLength = TimeSpan.FromMinutes(2);
    private readonly PoweredElement[] _quads = [.. system.Machine.Elements.Where(e => e.Subsystem == "quads")];
    private readonly PoweredElement[] _correctors = [.. system.Machine.Elements.Where(e => e.Subsystem == "correctors")];
    private DateTimeOffset? _nextWrite, _nextTrip, _tripEnd;
    private PoweredElement? _tripped;
    private int _writes, _trips;

    /// <summary>Applied setpoint writes: channel, value, time.</summary>
    public List<(string Channel, double Value, DateTimeOffset Time)> Writes { get; } = [];

    /// <summary>Status channels that went into alarm, with the time of the trip.</summary>
    public List<(string Channel, DateTimeOffset Time)> Trips { get; } = [];

    public void Step(DateTimeOffset now)
    {
        _nextWrite ??= now + WritePeriod;
        _nextTrip ??= now + TripPeriod;
        if (now >= _nextWrite)
        {
            _nextWrite = now + WritePeriod;
            var q = _quads[_writes % _quads.Length];
            double value = q.Supply.Setpoint + (_writes++ % 2 == 0 ? 0.5 : -0.5);
            var r = system.Registry.Get(q.SetpointChannel).Write(ChannelValue.Of(value), Operator);
            if (r.Applied) Writes.Add((q.SetpointChannel, value, now));
        }
        if (_tripped is null && now >= _nextTrip)
        {
            _nextTrip = now + TripPeriod;
            _tripped = _correctors[_trips++ % _correctors.Length];
            system.Simulator!.Supply(_tripped.Name).SetFault(InterlockBits.Water, true);
            _tripEnd = now + TripLength;
            Trips.Add((_tripped.Path + "/Status", now));
        }
        else if (_tripped is { } t && now >= _tripEnd)
        {
            system.Simulator!.Supply(t.Name).SetFault(InterlockBits.Water, false);
            system.Core.ResetInterlocks(Operator, t.Name);
            system.Core.Switch(Operator, t.Name, true);
            _tripped = null;
        }
    }
}
