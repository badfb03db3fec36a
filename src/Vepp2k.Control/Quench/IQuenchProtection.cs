namespace Vepp2k.Control.Quench;

/// <summary>
/// What the control core needs from a superconducting solenoid's quench protection: the quenches it
/// has seen (filled in as it acts) and whether a section is still normal or discharging, when no
/// current may be set. The simulator's <see cref="SuperconductingSolenoid"/> is one; a real
/// machine's quench-protection crate reporting over its bus would be another.
/// </summary>
public interface IQuenchProtection
{
    /// <summary>The solenoid: 1S..4S.</summary>
    string Name { get; }

    IReadOnlyList<QuenchEvent> Quenches { get; }

    /// <summary>A section is quenched or its energy is still being extracted.</summary>
    bool Discharging { get; }
}
