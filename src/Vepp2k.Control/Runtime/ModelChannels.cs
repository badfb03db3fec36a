using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Online;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The online model's results as channels under VEPP/Model: both eigen-tunes (NuX, NuY, with integer
/// parts), chromaticities, the fractional tune split, the emittance ratio, and per IP (SND, CMD)
/// beta_x*, beta_y* and their difference (the round-beam indicators), with Status saying why there
/// is no optics when there is none. Recomputed from the readbacks at the measured energy.
/// </summary>
public sealed class ModelChannels
{
    private readonly MagnetSystem _machine;
    private readonly OnlineModel _model;
    private readonly Channel _status, _nuX, _nuY, _chromX, _chromY, _split, _ratio;
    private readonly Dictionary<string, (Channel BetaX, Channel BetaY, Channel Difference)> _ips = [];
    private readonly Dictionary<string, double> _readbacks = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="curves">The excitation curves the model converts readbacks with: the machine's own
    /// (null), or another catalogue's, e.g. the computed curves (MagnetCatalogue.Computed), to see what
    /// the optics would be if the magnets followed those.</param>
    public ModelChannels(ChannelRegistry r, MagnetSystem machine, string mode, Machine.Magnets.MagnetCatalogue? curves = null)
    {
        _machine = machine;
        _model = new OnlineModel(curves ?? machine.Catalogue, mode);
        // Archive deadbands: the model runs once a second on noisy readbacks, so without them every run
        // is archived. Tunes and split to 1e-4 (tune resolution that matters for working-point
        // plots), chromaticity to 0.01, the emittance ratio to 1e-3, beta* to 5 mm (half its 1 cm
        // alarm limit; the alarm changes are archived anyway).
        var number = new ChannelSpec { Path = "", Precision = 5, ArchiveDeadband = 1e-4 };
        _status = r.Add(new ChannelSpec { Path = "VEPP/Model/Status", Type = ChannelType.String, Description = "online model: ok, or why there is no optics" }, ChannelValue.OfString(""));
        _nuX = r.Add(number with { Path = "VEPP/Model/NuX", Description = "tune of mode 1 (x-like in the arcs), with integer part" }, ChannelValue.Of(double.NaN));
        _nuY = r.Add(number with { Path = "VEPP/Model/NuY", Description = "tune of mode 2, with integer part" }, ChannelValue.Of(double.NaN));
        _chromX = r.Add(number with { ArchiveDeadband = 0.01, Path = "VEPP/Model/ChromX", Description = "chromaticity dQ/d(delta) of mode 1" }, ChannelValue.Of(double.NaN));
        _chromY = r.Add(number with { ArchiveDeadband = 0.01, Path = "VEPP/Model/ChromY", Description = "chromaticity of mode 2" }, ChannelValue.Of(double.NaN));
        _split = r.Add(number with { Path = "VEPP/Model/TuneSplit", Description = "fractional tune difference of the modes (0 for round beams)" }, ChannelValue.Of(double.NaN));
        _ratio = r.Add(number with { ArchiveDeadband = 1e-3, Path = "VEPP/Model/EmittanceRatio", Description = "equilibrium emittance of mode 2 over mode 1 (1 for round beams)" }, ChannelValue.Of(double.NaN));
        foreach (var ip in new[] { "SND", "CMD" })
        {
            var beta = new ChannelSpec { Path = "", Units = "m", Precision = 4, ArchiveDeadband = 5e-3 };
            _ips[ip] = (
                r.Add(beta with { Path = $"VEPP/Model/{ip}/BetaX", Description = $"beta_x* at {ip} (Edwards-Teng)" }, ChannelValue.Of(double.NaN)),
                r.Add(beta with { Path = $"VEPP/Model/{ip}/BetaY", Description = $"beta_y* at {ip}" }, ChannelValue.Of(double.NaN)),
                r.Add(beta with
                {
                    Path = $"VEPP/Model/{ip}/BetaDifference", Description = $"|beta_x* - beta_y*| at {ip}: 0 for round beams",
                    Alarms = new AlarmLimits(High: 0.01, HiHi: 0.05, Hysteresis: 0.002),
                }, ChannelValue.Of(double.NaN)));
        }
    }

    public OnlineResult? Latest { get; private set; }

    /// <summary>Lattice functions at every element from the last stable evaluation (for the console's plots).</summary>
    public Physics.Optics.RingOptics? LatestOptics => _model.LastOptics;

    public void Publish(DateTimeOffset now, EnergyResult? energy, double fallbackEnergyEv)
    {
        foreach (var e in _machine.Elements)
            if (!e.Name.Equals("PS", StringComparison.OrdinalIgnoreCase))
                _readbacks[e.Name] = 0.5 * (e.Supply.Dcct1 + e.Supply.Dcct2);
        double energyEv = energy is EnergyMeasured m ? m.EnergyEv : fallbackEnergyEv;
        var result = _model.Evaluate(_readbacks, energyEv);
        Latest = result;
        _status.Post(ChannelValue.OfString(result.Status == OnlineStatus.Ok ? "ok" : $"{result.Status}: {result.Reason}"), now);
        var o = result.Optics;
        _nuX.Post(o?.Tunes[0] ?? double.NaN, now);
        _nuY.Post(o?.Tunes[1] ?? double.NaN, now);
        _chromX.Post(o?.Chromaticities[0] ?? double.NaN, now);
        _chromY.Post(o?.Chromaticities[1] ?? double.NaN, now);
        _split.Post(o?.FractionalTuneSplit ?? double.NaN, now);
        _ratio.Post(o?.EmittanceRatio ?? double.NaN, now);
        foreach (var (name, c) in _ips)
        {
            var ip = o?.InteractionPoints.FirstOrDefault(x => x.Name == name);
            c.BetaX.Post(ip?.BetaX ?? double.NaN, now);
            c.BetaY.Post(ip?.BetaY ?? double.NaN, now);
            c.Difference.Post(ip?.BetaDifference ?? double.NaN, now);
        }
    }
}
