using System.Globalization;
using Vepp2k.Control.Beam;
using Vepp2k.Control.Online;
using Vepp2k.Control.Operations;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>
/// Watches an energy ramp once per model period, through the online model and, on the simulated
/// machine, through the beams. The model takes the readbacks through the curves at the energy of the
/// dipoles' own readback (the NMR probes lag a moving field, and an energy that lags the quadrupoles'
/// readbacks is a tune error of its own). The model's tunes, and the tunes the tune meter reads on the
/// beam, must stay where they were when the ramp started, within <see cref="TuneBound"/>; a model
/// without stable optics, tunes beyond the bound, or a stored beam lost, pause the ramp with the reason,
/// at one energy, for an operator to look and resume or abort. A wrong table (one that scales currents
/// in proportion, say) is stopped before the beam is; a fault the model cannot see (a corrector, a skew
/// winding, a hidden error) is stopped by the beam. Every check is recorded for the ramp's report.
/// </summary>
public sealed class EnergyRampGuard(ControlCore core, string mode, EnergyRampRecorder recorder, BeamSimulation? beam,
    Func<double?> nmrEnergyEv, double tuneBound = EnergyRampGuard.DefaultTuneBound)
{
    /// <summary>Largest tune change along an energy ramp before it is paused (the 0.005).</summary>
    public const double DefaultTuneBound = 0.005;

    private const string By = "energy ramp guard";
    private readonly OnlineModel _model = new(core.Machine.Catalogue, mode);
    private readonly Dictionary<string, double> _readbacks = new(StringComparer.OrdinalIgnoreCase);
    private long _ramp;
    private double[]? _start;
    private double[]? _beamStart;

    public double TuneBound { get; } = tuneBound;

    /// <summary>Judges the machine now against the energy ramp in progress, if any, and records what it saw.</summary>
    public void Check()
    {
        var ramps = core.Ramps;
        var ramp = ramps.LastOrDefault(r => r.Energy is not null && r.State == RampState.Running);
        // A ramp that ended since the last check gets its last node, even one short enough to fall between two checks.
        var ended = ramps.Where(r => r.Energy is not null && r.Finished && recorder.Unclosed(r)).ToList();
        if (ramp is null && ended.Count == 0) return;
        var machine = core.Machine;
        foreach (var e in machine.Elements)
            if (e != machine.DipoleSupply) _readbacks[e.Name] = e.Readback;
        double current = Math.Clamp(machine.DipoleSupply.Readback, machine.Catalogue.DipoleCurrent(BeamEnergyRange.MinEv), machine.Catalogue.DipoleCurrent(BeamEnergyRange.MaxEv));
        double energy = machine.Catalogue.BeamEnergy(current);
        var optics = RampOptics.From(_model.Evaluate(_readbacks, energy));
        var reading = beam?.Latest;
        foreach (var done in ended) recorder.Close(done, Row(done, energy, optics, reading));
        if (ramp is null) return;
        if (ramp.Id != _ramp)
        {
            // The beam is watched only when there is one at the start: a ramp without beam may lose none.
            (_ramp, _start, _beamStart) = (ramp.Id, null, reading is { HasBeam: true } ? [.. reading.Tunes] : null);
        }
        if (optics.Ok) _start ??= [.. optics.Tunes];
        recorder.Add(ramp, Row(ramp, energy, optics, reading));
        if (Judge(optics, energy, reading) is { } why && core.HoldRamp(ramp.Id, By, why)) recorder.Held(ramp, why);
    }

    // Why the ramp must stop now, or null.
    private string? Judge(RampOptics optics, double energyEv, BeamReadings? reading)
    {
        if (!optics.Ok) return F($"the online model has no stable optics at {energyEv / 1e6:F3} MeV: {optics.Status}");
        if (Moved(_start!, optics.Tunes) is var moved && moved > TuneBound)
            return F($"tunes moved by {moved:F4} since the ramp started ({Tunes(_start!)} -> {Tunes(optics.Tunes)}; bound {TuneBound})");
        if (_beamStart is null || reading is null) return null;
        if (beam!.LossReason is not null || !reading.HasBeam)
        {
            string lost = beam.LossReason ?? "the beam currents fell to zero";
            // Said once: a ramp resumed after the loss goes on without a beam to watch.
            _beamStart = null;
            return F($"beam lost at {energyEv / 1e6:F3} MeV: {lost}");
        }
        if (Moved(_beamStart, reading.Tunes) is var measured && measured > TuneBound)
            return F($"measured beam tunes moved by {measured:F4} since the ramp started ({Tunes(_beamStart)} -> {Tunes(reading.Tunes)}; bound {TuneBound})");
        return null;
    }

    private EnergyRampRow Row(Ramp ramp, double energyEv, RampOptics optics, BeamReadings? reading)
    {
        double seconds = (core.Time.GetUtcNow() - ramp.Started).TotalSeconds;
        double nmr = nmrEnergyEv() ?? double.NaN;
        if (reading is null)
            return new(seconds, ramp.Fraction, ramp.EnergyNowEv!.Value, energyEv, nmr, optics, [double.NaN, double.NaN], double.NaN, double.NaN, double.NaN, double.NaN);
        var orbit = reading.Orbit();
        int half = orbit.Length / 2;
        return new(seconds, ramp.Fraction, ramp.EnergyNowEv!.Value, energyEv, nmr, optics, [.. reading.Tunes],
            Rms(orbit.AsSpan(0, half)), Rms(orbit.AsSpan(half)), reading.ElectronCurrent, reading.PositronCurrent);
    }

    private static double Rms(ReadOnlySpan<double> values)
    {
        double sum = 0;
        foreach (double v in values) sum += v * v;
        return Math.Sqrt(sum / values.Length);
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

    private static string Tunes(IEnumerable<double> tunes) => string.Join(", ", tunes.Select(t => t.ToString("F4", CultureInfo.InvariantCulture)));

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
