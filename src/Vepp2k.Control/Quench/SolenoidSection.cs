using Vepp2k.Control.Devices;

namespace Vepp2k.Control.Quench;

/// <summary>
/// One coil section of a final-focus solenoid with its own bipolar supply. While connected the coil carries
/// the supply's current; after the dump switch opens it decays into the dump resistor and the normal zone.
/// </summary>
public sealed class SolenoidSection
{
    private readonly QuenchParameters _quench;

    internal SolenoidSection(SectionParameters parameters, QuenchParameters quench, SimulatedPowerSupply supply)
    {
        Name = parameters.Name;
        CriticalCurrent = parameters.CriticalCurrent;
        _quench = quench;
        Supply = supply;
    }

    public string Name { get; }

    /// <summary>Above this |I| [A] the conductor goes normal.</summary>
    public double CriticalCurrent { get; }

    public SimulatedPowerSupply Supply { get; }

    public double Inductance => Supply.Parameters.LoadInductance;

    public double CoilCurrent { get; private set; }

    /// <summary>When the conductor went normal; null while superconducting.</summary>
    public DateTimeOffset? QuenchStart { get; private set; }

    public bool IsQuenched => QuenchStart is not null;

    public double NormalZoneResistance { get; private set; }

    /// <summary>Resistive voltage across the normal zone [V], what the detector sees after subtracting L dI/dt.</summary>
    public double ResistiveVoltage => NormalZoneResistance * CoilCurrent;

    /// <summary>Non-null while the coil discharges into its dump resistor.</summary>
    public SectionDischarge? Discharge { get; private set; }

    internal void StartQuench(DateTimeOffset time) => QuenchStart ??= time;

    /// <summary>Advances the coil over [t0, t1]; returns the heat the supply put into the normal zone [J].</summary>
    internal double Step(DateTimeOffset t0, DateTimeOffset t1)
    {
        var dt = (t1 - t0).TotalSeconds;
        var rq = NormalResistanceAt(t0 + (t1 - t0) / 2);
        double supplyHeat = 0;
        if (Discharge is null)
        {
            var before = CoilCurrent;
            Supply.AdvanceTo(t1);
            CoilCurrent = Supply.LoadCurrent;
            supplyHeat = rq * 0.5 * (before * before + CoilCurrent * CoilCurrent) * dt;
            if (Math.Abs(CoilCurrent) > CriticalCurrent)
                StartQuench(t1);
        }
        else
        {
            // Exact over the step for the mid-step resistance, so the split below conserves 1/2 L I^2 exactly.
            var r = _quench.DumpResistance + rq;
            var next = CoilCurrent * Math.Exp(-r * dt / Inductance);
            var released = 0.5 * Inductance * (CoilCurrent * CoilCurrent - next * next);
            Discharge.EnergyInDump += released * _quench.DumpResistance / r;
            Discharge.EnergyInNormalZone += released * rq / r;
            CoilCurrent = next;
        }
        NormalZoneResistance = NormalResistanceAt(t1);
        return supplyHeat;
    }

    /// <summary>The dump switch opened: the coil current leaves the supply's circuit.</summary>
    internal SectionDischarge BeginDischarge(double current)
    {
        CoilCurrent = current;
        Discharge = new SectionDischarge(Name, current, Inductance);
        return Discharge;
    }

    /// <summary>
    /// Discharge over: the coil is back on its (tripped, zero-current) supply and has recovered.
    /// The residual current, below the release current, is dropped; its energy is under 1/2 L I_release^2.
    /// </summary>
    internal void EndDischarge()
    {
        Discharge = null;
        CoilCurrent = 0;
        QuenchStart = null;
        NormalZoneResistance = 0;
    }

    private double NormalResistanceAt(DateTimeOffset time) => QuenchStart is { } start
        ? Math.Min(_quench.NormalZoneMaxResistance, _quench.NormalZoneGrowthRate * (time - start).TotalSeconds)
        : 0;
}
