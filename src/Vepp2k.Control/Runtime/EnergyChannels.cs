using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.Nmr;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The NMR probes and the beam energy as channels, after the facility's tree:
/// VEPP/NMR/Measured/1M1..4M2 and Average [T], VEPP/Energy/Energy_NMR (uncorrected) and
/// VEPP/Energy/Energy (calibrated) [MeV], plus ours: dEnergy (uncertainty), EnergyStatus (why there
/// is no energy, when there is none). Evaluated every device-loop period.
/// </summary>
public sealed class EnergyChannels
{
    private readonly MagnetSystem _machine;
    private readonly EnergyMeter _meter;
    private readonly Dictionary<string, Channel> _probes = [];
    private readonly Channel _average, _nmr, _energy, _uncertainty, _status;
    private readonly Dictionary<string, NmrReading> _readings = [];

    public EnergyChannels(ChannelRegistry r, MagnetSystem machine, EnergyCalibration calibration)
    {
        _machine = machine;
        _meter = new EnergyMeter(machine.Catalogue, NmrParameters.Load(), calibration);
        // Archive deadbands about 5 ppm (5 times the probes' 1 ppm reading noise, as for the supply
        // readbacks): noise alone rarely crosses them, an energy change of 5 keV at 1 GeV always does.
        var field = new ChannelSpec { Path = "", Units = "T", Precision = 6, ValueDeadband = 1e-6, ArchiveDeadband = 1.2e-5 };
        foreach (var p in machine.Probes)
            _probes[p.Name] = r.Add(field with { Path = $"VEPP/NMR/Measured/{p.Name}", Description = $"NMR field in dipole {p.Name} (NaN when not locked)" }, ChannelValue.Of(double.NaN));
        _average = r.Add(field with { Path = "VEPP/NMR/Measured/Average", Description = "mean field of the accepted NMR probes" }, ChannelValue.Of(double.NaN));
        var mev = new ChannelSpec { Path = "", Units = "MeV", Precision = 4, ValueDeadband = 1e-4, ArchiveDeadband = 5e-3 };
        _nmr = r.Add(mev with { Path = "VEPP/Energy/Energy_NMR", Description = "beam energy from the NMR field, uncalibrated" }, ChannelValue.Of(double.NaN));
        _energy = r.Add(mev with { Path = "VEPP/Energy/Energy", Description = "beam energy from the NMR field with the calibration applied" }, ChannelValue.Of(double.NaN));
        _uncertainty = r.Add(mev with { Path = "VEPP/Energy/dEnergy", Description = "uncertainty of VEPP/Energy/Energy (1 sigma)" }, ChannelValue.Of(double.NaN));
        _status = r.Add(new ChannelSpec { Path = "VEPP/Energy/EnergyStatus", Type = ChannelType.String, Description = "ok, or why there is no energy" }, ChannelValue.OfString(""));
    }

    /// <summary>The latest measurement.</summary>
    public EnergyResult? Latest { get; private set; }

    public void Publish(DateTimeOffset now)
    {
        foreach (var p in _machine.Probes)
        {
            var reading = p.Read();
            _readings[p.Name] = reading;
            _probes[p.Name].Post(reading.Field ?? double.NaN, now);
        }
        var result = _meter.Measure(_readings);
        Latest = result;
        switch (result)
        {
            case EnergyMeasured m:
                _average.Post(m.AverageField, now);
                _nmr.Post(m.NmrEnergyEv / 1e6, now);
                _energy.Post(m.EnergyEv / 1e6, now);
                _uncertainty.Post(m.UncertaintyEv / 1e6, now);
                _status.Post(ChannelValue.OfString(m.ProbesRejected.Count == 0 ? "ok"
                    : "ok; rejected " + string.Join(", ", m.ProbesRejected.Select(x => $"{x.Probe}: {x.Reason}"))), now);
                foreach (var c in new[] { _energy, _nmr, _average }) c.SetExternalAlarm(AlarmStatus.NoAlarm, AlarmSeverity.NoAlarm, now);
                break;
            case EnergyUnavailable u:
                foreach (var c in new[] { _energy, _nmr, _average, _uncertainty }) c.Post(double.NaN, now);
                _status.Post(ChannelValue.OfString(u.Reason), now);
                break;
        }
    }
}
