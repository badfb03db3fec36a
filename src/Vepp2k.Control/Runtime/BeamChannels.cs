using Vepp2k.Control.Beam;
using Vepp2k.Control.Channels;
using Vepp2k.Machine.Beam;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The beam instruments as channels under the facility's names (vepp2000-machine.md section 2):
/// VEPP/BPM/1..4/{x,z,int}, VEPP/CCD/&lt;point&gt;/{x,z,sigma_x,sigma_z,phi}, VEPP/Nu/{nuX,nuY} (fractional
/// tunes from the tune meter), VEPP/Currents/{e,p,etau,ptau}, VEPP/Lum/{LsmSND,LsmCMD} and VEPP/Beam/Status.
/// Positions and sizes in mm (what operators read), currents in mA, lifetimes in s.
/// </summary>
public sealed class BeamChannels
{
    private readonly BeamSimulation _beam;
    private readonly List<(Channel X, Channel Z, Channel Intensity)> _bpms = [];
    private readonly List<(Channel X, Channel Z, Channel SigmaX, Channel SigmaZ, Channel Tilt)> _ccds = [];
    private readonly Channel _nuX, _nuY, _e, _p, _eTau, _pTau, _status;
    private readonly Channel[] _luminosity;
    private long _published;

    public BeamChannels(ChannelRegistry r, BeamSimulation beam)
    {
        _beam = beam;
        // Archive deadbands a few times the instruments' noise, so a steady beam is archived by its
        // changes, not by its noise (100 channels at 1 Hz would be 6000 rows a minute): 20 um for
        // positions (5 um noise), 10 um for sizes (0.3 % of ~0.5 mm), 0.01 rad of tilt, 5e-4 in tune,
        // 0.1 mA and 10 s of lifetime (a 40 mA beam loses 0.1 mA in about 4 s), 5e29 of luminosity.
        var mm = new ChannelSpec { Path = "", Units = "mm", Precision = 4, ArchiveDeadband = 0.02 };
        for (int k = 1; k <= 4; k++)
            _bpms.Add((
                r.Add(mm with { Path = $"VEPP/BPM/{k}/x", Description = $"BPM{k} horizontal position" }, ChannelValue.Of(double.NaN)),
                r.Add(mm with { Path = $"VEPP/BPM/{k}/z", Description = $"BPM{k} vertical position" }, ChannelValue.Of(double.NaN)),
                r.Add(mm with { Path = $"VEPP/BPM/{k}/int", Units = "mA", Precision = 2, ArchiveDeadband = 0.1, Description = $"BPM{k} sum signal: both bunches' current" }, ChannelValue.Of(0))));
        foreach (var point in RingErrors.CcdNames())
        {
            string p = $"VEPP/CCD/{point}/";
            _ccds.Add((
                r.Add(mm with { Path = p + "x", Description = $"beam centroid x at light source {point}" }, ChannelValue.Of(double.NaN)),
                r.Add(mm with { Path = p + "z", Description = $"beam centroid z at {point}" }, ChannelValue.Of(double.NaN)),
                r.Add(mm with { ArchiveDeadband = 0.01, Path = p + "sigma_x", Description = $"rms beam size x at {point}" }, ChannelValue.Of(double.NaN)),
                r.Add(mm with { ArchiveDeadband = 0.01, Path = p + "sigma_z", Description = $"rms beam size z at {point}" }, ChannelValue.Of(double.NaN)),
                r.Add(mm with { Path = p + "phi", Units = "rad", Precision = 4, ArchiveDeadband = 0.01, Description = $"tilt of the beam ellipse at {point}" }, ChannelValue.Of(double.NaN))));
        }
        var tune = new ChannelSpec { Path = "", Precision = 5, ArchiveDeadband = 5e-4 };
        _nuX = r.Add(tune with { Path = "VEPP/Nu/nuX", Description = "fractional tune of mode 1 from the tune meter" }, ChannelValue.Of(double.NaN));
        _nuY = r.Add(tune with { Path = "VEPP/Nu/nuY", Description = "fractional tune of mode 2 from the tune meter" }, ChannelValue.Of(double.NaN));
        var current = new ChannelSpec { Path = "", Units = "mA", Precision = 3, ArchiveDeadband = 0.1 };
        _e = r.Add(current with { Path = "VEPP/Currents/e", Description = "electron bunch current" }, ChannelValue.Of(0));
        _p = r.Add(current with { Path = "VEPP/Currents/p", Description = "positron bunch current" }, ChannelValue.Of(0));
        var lifetime = new ChannelSpec { Path = "", Units = "s", Precision = 0, ArchiveDeadband = 10 };
        _eTau = r.Add(lifetime with { Path = "VEPP/Currents/etau", Description = "electron lifetime" }, ChannelValue.Of(double.NaN));
        _pTau = r.Add(lifetime with { Path = "VEPP/Currents/ptau", Description = "positron lifetime" }, ChannelValue.Of(double.NaN));
        _luminosity = [.. BeamProbe.InteractionPointNames.Select(ip => r.Add(new ChannelSpec
        {
            Path = $"VEPP/Lum/Lsm{ip}", Units = "1/(cm^2 s)", Precision = 3, ArchiveDeadband = 5e29,
            Description = $"luminosity at {ip} from the beam sizes",
        }, ChannelValue.Of(0)))];
        _status = r.Add(new ChannelSpec { Path = "VEPP/Beam/Status", Type = ChannelType.String, Description = "ok, or why there is no beam" }, ChannelValue.OfString(""));
    }

    /// <summary>Posts the beam simulation's latest reading, once per reading.</summary>
    public void Publish()
    {
        if (_beam.Latest is not { } b || b.Sequence == _published) return;
        _published = b.Sequence;
        var now = b.Time;
        double total = (b.ElectronCurrent + b.PositronCurrent) * 1e3;
        for (int k = 0; k < _bpms.Count; k++)
        {
            _bpms[k].X.Post(b.Bpms[k].X * 1e3, now);
            _bpms[k].Z.Post(b.Bpms[k].Z * 1e3, now);
            _bpms[k].Intensity.Post(total, now);
        }
        for (int k = 0; k < _ccds.Count; k++)
        {
            var c = b.Ccds[k];
            _ccds[k].X.Post(c.X * 1e3, now);
            _ccds[k].Z.Post(c.Z * 1e3, now);
            _ccds[k].SigmaX.Post(c.SigmaX * 1e3, now);
            _ccds[k].SigmaZ.Post(c.SigmaZ * 1e3, now);
            _ccds[k].Tilt.Post(c.Tilt, now);
        }
        _nuX.Post(b.Tunes[0], now);
        _nuY.Post(b.Tunes[1], now);
        _e.Post(b.ElectronCurrent * 1e3, now);
        _p.Post(b.PositronCurrent * 1e3, now);
        _eTau.Post(b.ElectronLifetime, now);
        _pTau.Post(b.PositronLifetime, now);
        for (int k = 0; k < _luminosity.Length; k++) _luminosity[k].Post(b.Luminosity[k].Luminosity, now);
        _status.Post(ChannelValue.OfString(b.Status), now);
    }
}
