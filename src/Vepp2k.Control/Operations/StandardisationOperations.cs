using System.Globalization;
using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.History;

namespace Vepp2k.Control.Operations;

public sealed partial class ControlCore
{
    /// <summary>
    /// The standardisation cycle of the iron magnets (dipoles and quadrupoles): every iron supply that
    /// is on runs from where it is to full current and down to its lowest, <paramref name="cycles"/>
    /// times, and back up to where it was, all in one synchronised ramp. It ends on the ascending
    /// branch the excitation curves describe, so a scan or a ramp that follows starts from a known
    /// magnetisation. The whole range is crossed, so any beam is lost: it needs a confirmation.
    /// Superconducting solenoids and correctors (no iron hysteresis) stay where they are.
    /// </summary>
    public OperationResult Standardise(WriteContext who, int cycles = 2)
    {
        string description = string.Create(CultureInfo.InvariantCulture, $"standardisation, {cycles} cycle(s)");
        if (Authorize(who, description, "change the machine") is { } denied) return OperationResult.Refused(denied.Message) with { Denied = true };
        if (cycles is < 1 or > 10) return Refuse(who, description, "cycles must be 1 .. 10");
        if (!who.Confirmed) return Refuse(who, description, "standardisation takes every iron magnet through its whole range and loses any beam: confirm it");
        lock (_gate)
        {
            Machine.Update();
            if (RampInFlight("first") is { } busy) return Refuse(who, description, busy);
            var legs = new List<RampLeg>();
            foreach (var e in Machine.Elements.Where(e => e.Model.Curve.HasHysteresis && e.Supply.State == SupplyState.On))
            {
                double low = Math.Max(e.Model.MinCurrent, 0), high = e.Model.MaxCurrent, at = e.Request;
                var path = new List<double> { at };
                for (int c = 0; c < cycles; c++) path.AddRange([high, low]);
                path.Add(at);
                legs.Add(new RampLeg(e, at, at) { Path = [.. path] });
            }
            if (legs.Count == 0) return Refuse(who, description, "no iron magnet is on");
            return Start(who, legs, description);
        }
    }
}
