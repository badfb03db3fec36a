using System.Globalization;
using Vepp2k.Control.Online;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>
/// Watches an energy ramp through the online model, once a second: the readbacks through the
/// curves at the energy of the dipoles' own readback (the NMR probes lag a moving field, and an
/// energy that lags the quadrupoles' readbacks is a tune error of its own). The tunes must stay
/// where they were when the ramp started, within <see cref="TuneBound"/>; a model without stable
/// optics, or tunes beyond the bound, pause the ramp with the reason, at one energy, for an
/// operator to look and resume or abort. A wrong table (one that scales currents in proportion,
/// say) is stopped before the beam is.
/// </summary>
public sealed class EnergyRampGuard(ControlCore core, string mode, double tuneBound = EnergyRampGuard.DefaultTuneBound)
{
    /// <summary>Largest tune change along an energy ramp before it is paused (the issue's 0.005).</summary>
    public const double DefaultTuneBound = 0.005;

    private readonly OnlineModel _model = new(core.Machine.Catalogue, mode);
    private readonly Dictionary<string, double> _readbacks = new(StringComparer.OrdinalIgnoreCase);
    private long _ramp;
    private double[] _start = [];

    public double TuneBound { get; } = tuneBound;

    /// <summary>Judges the machine now against the energy ramp in progress, if any.</summary>
    public void Check()
    {
        var ramp = core.Ramps.LastOrDefault(r => r.Energy is not null && r.State == RampState.Running);
        if (ramp is null) return;
        var machine = core.Machine;
        foreach (var e in machine.Elements)
            if (e != machine.DipoleSupply) _readbacks[e.Name] = e.Readback;
        var dipole = machine.DipoleSupply;
        double current = Math.Clamp(dipole.Readback, machine.Catalogue.DipoleCurrent(BeamEnergyRange.MinEv), machine.Catalogue.DipoleCurrent(BeamEnergyRange.MaxEv));
        var result = _model.Evaluate(_readbacks, machine.Catalogue.BeamEnergy(current));
        if (result.Status != OnlineStatus.Ok || result.Optics is null)
        {
            core.HoldRamp(ramp.Id, "energy ramp guard", $"the online model has no stable optics at {result.EnergyEv / 1e6:F3} MeV: {result.Reason}");
            return;
        }
        var tunes = result.Optics.Tunes;
        if (ramp.Id != _ramp)
        {
            (_ramp, _start) = (ramp.Id, [.. tunes]);
            return;
        }
        double moved = Moved(_start, tunes);
        if (moved > TuneBound)
            core.HoldRamp(ramp.Id, "energy ramp guard", string.Create(CultureInfo.InvariantCulture,
                $"tunes moved by {moved:F4} since the ramp started ({string.Join(", ", _start.Select(t => t.ToString("F4", CultureInfo.InvariantCulture)))} -> {string.Join(", ", tunes.Select(t => t.ToString("F4", CultureInfo.InvariantCulture)))}; bound {TuneBound})"));
    }

    /// <summary>
    /// How far the tunes moved, on their fractional parts taken as a set: at the round-beam working
    /// point the two modes are degenerate (3.1 and 3.1, or 4.1 and 2.1 as the integer parts are
    /// assigned), so which mode is called first and its integer part can change from one evaluation
    /// to the next without the beam noticing.
    /// </summary>
    public static double Moved(IReadOnlyList<double> before, IReadOnlyList<double> after)
    {
        // Distance on the circle of fractional tunes; the better of the two ways to pair the modes.
        static double Apart(double x, double y)
        {
            double d = Math.Abs((x - y) - Math.Round(x - y));
            return Math.Min(d, 1 - d);
        }
        double straight = Math.Max(Apart(before[0], after[0]), Apart(before[1], after[1]));
        double crossed = Math.Max(Apart(before[0], after[1]), Apart(before[1], after[0]));
        return Math.Min(straight, crossed);
    }
}
