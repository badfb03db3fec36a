using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Quench;

/// <summary>
/// A VEPP-2000 final-focus solenoid (1S..4S): three sections on their own bipolar supplies, with quench
/// detection and energy extraction. Advance it with <see cref="Update"/>; it drives its supplies in lockstep,
/// and commands given to those supplies bring the whole solenoid up to "now" first.
/// </summary>
public sealed class SuperconductingSolenoid : IQuenchProtection
{
    private readonly TimeProvider _time;
    private readonly TimeSpan _sample;
    private readonly TimeSpan _switchDelay;
    private readonly QuenchDetector _detector;
    private readonly List<QuenchEvent> _quenches = [];
    private QuenchEvent? _active;

    public SuperconductingSolenoid(string name, TimeProvider time, int seed,
        QuenchParameters? quench = null, SupplyParameters? supply = null)
    {
        Name = name;
        _time = time;
        Parameters = quench ?? QuenchParameters.Load();
        _sample = TimeSpan.FromSeconds(Parameters.SamplePeriod);
        _switchDelay = TimeSpan.FromSeconds(Parameters.SwitchDelay);
        _detector = new QuenchDetector(Parameters.DetectionThreshold, TimeSpan.FromSeconds(Parameters.ValidationTime));
        SimulationTime = time.GetUtcNow();
        var supplyParameters = supply ?? SupplyCatalog.Get(SupplyCatalog.Solenoid);
        Sections = Parameters.Sections
            .Select((s, i) => new SolenoidSection(s, Parameters,
                new SimulatedPowerSupply($"{name}/{s.Name}", supplyParameters, time, seed + i)))
            .ToList();
        foreach (var section in Sections)
            section.Supply.Synchronise = Update;
    }

    public string Name { get; }

    public QuenchParameters Parameters { get; }

    public IReadOnlyList<SolenoidSection> Sections { get; }

    public IReadOnlyList<QuenchEvent> Quenches => _quenches;

    public bool Discharging => Sections.Any(s => s.IsQuenched || s.Discharge is not null);

    public DateTimeOffset SimulationTime { get; private set; }

    public void Update()
    {
        var now = _time.GetUtcNow();
        while (SimulationTime < now)
        {
            var next = SimulationTime + _sample < now ? SimulationTime + _sample : now;
            Step(SimulationTime, next);
            SimulationTime = next;
        }
    }

    /// <summary>Fault injection: the named section goes normal now.</summary>
    public void InjectQuench(string section)
    {
        Update();
        var target = Sections.FirstOrDefault(s => s.Name == section)
            ?? throw new ArgumentException($"{Name} has no section '{section}'.", nameof(section));
        target.StartQuench(SimulationTime);
        OpenEventIfNeeded();
    }

    private void Step(DateTimeOffset t0, DateTimeOffset t1)
    {
        foreach (var section in Sections)
        {
            var heat = section.Step(t0, t1);
            if (_active is { SuppliesOff: null })
                _active.NormalZoneEnergyBeforeSwitchOff += heat;
        }
        OpenEventIfNeeded();
        if (_active is null)
            return;
        if (_active.Detection is null && _detector.Sample(t1, Sections.Max(s => Math.Abs(s.ResistiveVoltage))))
            _active.Detection = t1;
        if (_active is { Detection: { } detected, SuppliesOff: null } && t1 - detected >= _switchDelay)
            CutOff(t1);
        if (_active.SuppliesOff is not null)
            FollowDischarge(t1);
    }

    private void OpenEventIfNeeded()
    {
        if (_active is not null)
            return;
        var quenched = Sections.FirstOrDefault(s => s.IsQuenched);
        if (quenched is null)
            return;
        _active = new QuenchEvent(Name, quenched.Name, quenched.QuenchStart!.Value);
        _quenches.Add(_active);
    }

    /// <summary>All three supplies trip on OutputProtection and every section is switched into its dump.</summary>
    private void CutOff(DateTimeOffset time)
    {
        var discharges = new List<SectionDischarge>();
        foreach (var section in Sections)
        {
            section.Supply.ApplyFault(InterlockBits.OutputProtection, true);
            discharges.Add(section.BeginDischarge(section.Supply.DisconnectLoad()));
        }
        _active!.Discharges = discharges;
        _active.SuppliesOff = time;
    }

    private void FollowDischarge(DateTimeOffset time)
    {
        var active = _active!;
        if (active.CurrentBelowOnePercent is null
            && Sections.All(s => Math.Abs(s.CoilCurrent) <= 0.01 * Math.Abs(s.Discharge!.CurrentAtSwitchOff)))
            active.CurrentBelowOnePercent = time;
        if (!Sections.All(s => Math.Abs(s.CoilCurrent) < Parameters.ReleaseCurrent))
            return;
        foreach (var section in Sections)
        {
            section.EndDischarge();
            section.Supply.ApplyFault(InterlockBits.OutputProtection, false);
        }
        active.Released = time;
        _detector.Reset();
        _active = null;
    }
}
