using Vepp2k.Control.Channels;
using Vepp2k.Control.Devices;
using Vepp2k.Control.Operations;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Runtime;

/// <summary>
/// The VEPP-2000 channel tree of the magnets, after the facility's VCAS tree: for quads and solenoid
/// sections VEPP/QUAD/1F1/{SCur, MCur.1, MCur.2, Volt, Status}, for the dipole supply
/// VEPP/PS/{SetCur, MCur.1, MCur.2, Volt, Status}, for correctors VEPP/UM/1/F1X/{SetCur, Cur, Vol, Status};
/// plus ours on every element: RCur (ramped setpoint), Power (Off/On), Ilk and IlkLive (interlock
/// bits), Reset, and the strength in physics units (K1, KS, Kick, K1S, K2, Angle). Writes go through
/// the <see cref="ControlCore"/>; readbacks are posted from the devices on every <see cref="Publish"/>.
/// </summary>
public sealed class MachineChannels
{
    private static readonly string[] StateLabels = Enum.GetNames<SupplyState>();
    private readonly List<(PoweredElement Element, Bound Channels)> _bound = [];
    private readonly ControlCore _core;

    private sealed record Bound(Channel Set, Channel Read1, Channel Read2, Channel Volt, Channel Status, Channel Ramped,
        Channel Power, Channel Latched, Channel Live, Channel Reset, Channel Strength, Channel Deviation, DeviationFilter Filter);

    /// <param name="include">Which elements this server publishes (a server may serve some subsystems only).</param>
    public MachineChannels(ChannelRegistry registry, ControlCore core, Func<PoweredElement, bool> include)
    {
        _core = core;
        foreach (var e in core.Machine.Elements.Where(include)) _bound.Add((e, Build(registry, e)));
    }

    private Bound Build(ChannelRegistry r, PoweredElement e)
    {
        var m = e.Model;
        var p = e.Supply.Parameters;
        double lo = m.MinCurrent, hi = m.MaxCurrent;
        var amps = new ChannelSpec
        {
            Path = "", Units = "A", Precision = e.UmStyle ? 4 : 3, DisplayLow = lo, DisplayHigh = hi,
            Subsystem = e.Subsystem, ValueDeadband = p.NoiseRms, ArchiveDeadband = ReadbackArchiveNoise * p.NoiseRms,
        };
        var set = r.Add(amps with
        {
            Path = e.SetpointChannel, Access = ChannelAccess.ReadWrite, DriveLow = lo, DriveHigh = hi, IsSetting = true,
            ValueDeadband = 0, ArchiveDeadband = 0, Description = $"{e.Name} supply current setpoint",
        }, ChannelValue.Of(e.Request));
        set.WriteHandler = (v, who) => Result(_core.Set(who, [(e.Name, v.Number)], Units.Hardware, $"set {e.Name}"));
        var read1 = r.Add(amps with { Path = e.UmStyle ? $"{e.Path}/Cur" : $"{e.Path}/MCur.1", Description = $"{e.Name} current, DCCT 1" }, ChannelValue.Of(0));
        var read2 = r.Add(amps with { Path = $"{e.Path}/{(e.UmStyle ? "Cur" : "MCur")}.2", Description = $"{e.Name} current, DCCT 2" }, ChannelValue.Of(0));
        var volt = r.Add(new ChannelSpec
        {
            Path = e.Path + (e.UmStyle ? "/Vol" : "/Volt"), Units = "V", Precision = 2, DisplayLow = -p.MaxVoltage, DisplayHigh = p.MaxVoltage,
            Alarms = new AlarmLimits(HiHi: p.MaxVoltage, High: 0.9 * p.MaxVoltage, Low: -0.9 * p.MaxVoltage, LoLo: -p.MaxVoltage, Hysteresis: 0.02 * p.MaxVoltage),
            ValueDeadband = 0.001 * p.MaxVoltage, ArchiveDeadband = 0.005 * p.MaxVoltage, Description = $"{e.Name} output voltage",
        }, ChannelValue.Of(0));
        var status = r.Add(new ChannelSpec { Path = e.Path + "/Status", Type = ChannelType.Enum, EnumLabels = StateLabels, Description = $"{e.Name} supply state" },
            ChannelValue.OfEnum((int)e.Supply.State));
        var ramped = r.Add(amps with { Path = e.Path + "/RCur", ValueDeadband = 0, ArchiveDeadband = 0, Description = $"{e.Name} ramped setpoint the regulator follows" }, ChannelValue.Of(0));
        var power = r.Add(new ChannelSpec
        {
            Path = e.Path + "/Power", Type = ChannelType.Enum, EnumLabels = ["Off", "On"], Access = ChannelAccess.ReadWrite,
            DriveLow = 0, DriveHigh = 1, Description = $"{e.Name} supply on/off command",
        }, ChannelValue.OfEnum(0));
        power.WriteHandler = (v, who) => _core.Switch(who, e.Name, v.Number >= 1);
        var latched = r.Add(new ChannelSpec { Path = e.Path + "/Ilk", Type = ChannelType.Integer, Description = $"{e.Name} latched interlocks (bits: {BitNames()})" }, ChannelValue.OfInteger(0));
        var live = r.Add(new ChannelSpec { Path = e.Path + "/IlkLive", Type = ChannelType.Integer, Description = $"{e.Name} live interlock inputs" }, ChannelValue.OfInteger(0));
        var reset = r.Add(new ChannelSpec { Path = e.Path + "/Reset", Type = ChannelType.Integer, Access = ChannelAccess.ReadWrite, DriveLow = 0, DriveHigh = 1, Description = $"write 1 to reset {e.Name} interlocks" }, ChannelValue.OfInteger(0));
        reset.WriteHandler = (v, who) => v.Number >= 1 ? _core.ResetInterlocks(who, e.Name) : WriteResult.Ok("nothing to do");
        var strength = r.Add(new ChannelSpec
        {
            Path = $"{e.Path}/{e.StrengthName}", Units = m.StrengthUnit, Precision = 6, Access = ChannelAccess.ReadWrite,
            Description = $"{e.Name} strength from the setpoint at the present energy (MAD-X convention)",
        }, ChannelValue.Of(0));
        strength.WriteHandler = (v, who) => Result(_core.Set(who, [(e.Name, v.Number)], Units.Physics, $"set {e.Name} {e.StrengthName}"));
        var deviation = r.Add(new ChannelSpec
        {
            Path = e.Path + "/Deviation", Units = "A", Precision = 4, ArchiveDeadband = DeviationArchiveFraction * DeviationLimit(e),
            Alarms = new AlarmLimits(High: DeviationLimit(e), Low: -DeviationLimit(e), HighSeverity: AlarmSeverity.Minor, LowSeverity: AlarmSeverity.Minor, Hysteresis: 0.2 * DeviationLimit(e)),
            Description = $"{e.Name} readback minus ramped setpoint, filtered with a {DeviationFilter.TimeConstant.TotalSeconds} s time constant",
        }, ChannelValue.Of(0));
        return new Bound(set, read1, read2, volt, status, ramped, power, latched, live, reset, strength, deviation, new DeviationFilter());
    }

    /// <summary>
    /// Readback archive deadband in readback-noise rms: the difference of two noise samples exceeds
    /// 5 rms (3.5 of its own rms) on 4e-4 of the 10 Hz ticks, so noise alone archives a readback about
    /// once every 4 minutes, while any real move of 5 rms (a few tens of ppm of full scale) is kept.
    /// </summary>
    private const double ReadbackArchiveNoise = 5;

    /// <summary>
    /// Deviation archive deadband as a fraction of its alarm limit: the filtered deviation moves by
    /// noise far less than this, so it is archived while a supply lags or drifts, not on every tick;
    /// its alarm changes are archived whatever the deadband.
    /// </summary>
    private const double DeviationArchiveFraction = 0.25;

    /// <summary>Read-differs-from-set tolerance: 0.1% of full scale (the BINP supplies regulate to 100 ppm).</summary>
    private static double DeviationLimit(PoweredElement e) => 1e-3 * e.Supply.Parameters.MaxCurrent;

    private static string BitNames() => string.Join(" ", Enum.GetValues<InterlockBits>().Where(b => b != 0).Select(b => $"{(int)b}={b}"));

    private static WriteResult Result(OperationResult r) => r.Applied ? WriteResult.Ok(r.Message, r.Done) : WriteResult.Refused(r.Message);

    /// <summary>Posts every element's readbacks and state at the present time.</summary>
    public void Publish()
    {
        var now = _core.Time.GetUtcNow();
        double energyEv = _core.EnergyEv;
        foreach (var (e, c) in _bound)
        {
            var s = e.Supply;
            c.Set.Post(e.Request, now);
            c.Read1.Post(s.Dcct1, now);
            c.Read2.Post(s.Dcct2, now);
            c.Volt.Post(s.OutputVoltage, now);
            c.Status.Post((int)s.State, now);
            c.Ramped.Post(s.RampedSetpoint, now);
            c.Power.Post(s.State is SupplyState.Off or SupplyState.Interlock ? 0 : 1, now);
            c.Latched.Post((int)s.LatchedInterlocks, now);
            c.Live.Post((int)s.LiveInterlocks, now);
            c.Reset.Post(0, now);   // a command channel: it reads 0, and posting it takes it out of UDF
            c.Strength.Post(ControlCore.StrengthOf(e, e.Request, energyEv), now);
            c.Deviation.Post(c.Filter.Update(s.Dcct1 - s.RampedSetpoint, now), now);
            var ilk = s.State == SupplyState.Interlock ? (AlarmStatus.HwLimit, AlarmSeverity.Major) : (AlarmStatus.NoAlarm, AlarmSeverity.NoAlarm);
            c.Status.SetExternalAlarm(ilk.Item1, ilk.Item2, now);
            c.Read1.SetExternalAlarm(ilk.Item1, ilk.Item2, now);
        }
    }
}
