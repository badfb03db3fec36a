namespace Vepp2k.Control.Quench;

/// <summary>Energy bookkeeping of one section from the moment its supply is cut off.</summary>
public sealed class SectionDischarge(string section, double currentAtSwitchOff, double inductance)
{
    public string Section { get; } = section;
    /// <summary>Coil current when the dump switch opened [A].</summary>
    public double CurrentAtSwitchOff { get; } = currentAtSwitchOff;
    /// <summary>Magnetic energy 1/2 L I0^2 at switch-off [J].</summary>
    public double StoredEnergy { get; } = 0.5 * inductance * currentAtSwitchOff * currentAtSwitchOff;
    /// <summary>Energy dissipated in the dump resistor so far [J].</summary>
    public double EnergyInDump { get; internal set; }
    /// <summary>Energy dissipated in the normal zone after switch-off [J].</summary>
    public double EnergyInNormalZone { get; internal set; }
}

/// <summary>Timeline of one quench of a solenoid, filled in as the protection acts.</summary>
public sealed class QuenchEvent(string solenoid, string section, DateTimeOffset start)
{
    public string Solenoid { get; } = solenoid;
    /// <summary>Section whose quench started the event.</summary>
    public string QuenchedSection { get; } = section;
    public DateTimeOffset Start { get; } = start;
    public DateTimeOffset? Detection { get; internal set; }
    public DateTimeOffset? SuppliesOff { get; internal set; }
    /// <summary>When every section's current fell below 1 % of its value at switch-off.</summary>
    public DateTimeOffset? CurrentBelowOnePercent { get; internal set; }
    /// <summary>When protection released the OutputProtection interlock of the supplies.</summary>
    public DateTimeOffset? Released { get; internal set; }
    /// <summary>Heat put into the normal zone by the supply before it was cut off [J].</summary>
    public double NormalZoneEnergyBeforeSwitchOff { get; internal set; }
    public IReadOnlyList<SectionDischarge> Discharges { get; internal set; } = [];

    public override string ToString() =>
        $"{Solenoid} quench in {QuenchedSection}: start {Start:HH:mm:ss.ffff}, detection {Detection:HH:mm:ss.ffff}, " +
        $"supplies off {SuppliesOff:HH:mm:ss.ffff}, below 1 % {CurrentBelowOnePercent:HH:mm:ss.ffff}";
}
