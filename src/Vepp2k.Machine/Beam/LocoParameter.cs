namespace Vepp2k.Machine.Beam;

/// <summary>What a LOCO fit parameter is, and in which unit its value is.</summary>
public enum LocoParameterKind
{
    /// <summary>Relative gradient error of a quadrupole (as <see cref="MagnetError.Field"/>).</summary>
    QuadrupoleGradient,
    /// <summary>Roll of a quadrupole about s [rad] (as <see cref="MagnetError.Roll"/>).</summary>
    QuadrupoleRoll,
    /// <summary>Change of a skew-quadrupole winding's strength K1s [1/m^2] (the catalogue's strength; K1SL = K1s * <see cref="SteeredRing.SextupoleLength"/>).</summary>
    SkewQuadrupole,
    /// <summary>Relative field error of a solenoid section.</summary>
    SolenoidField,
    /// <summary>Relative gain error of a monitor's x reading (BPM gain or CCD scale).</summary>
    MonitorGainX,
    /// <summary>Relative gain error of a monitor's z reading.</summary>
    MonitorGainZ,
    /// <summary>Roll of a BPM [rad]: its x reading sees roll * z, its z reading -roll * x.</summary>
    BpmRoll,
    /// <summary>Relative kick error of a dipole corrector.</summary>
    CorrectorGain,
}

/// <summary>One fitted quantity: its kind and the magnet, monitor or corrector it belongs to.</summary>
public sealed record LocoParameter(LocoParameterKind Kind, string Name)
{
    /// <summary>True for the parameters of the ring (the optics model); false for the instruments' gains and rolls.</summary>
    public bool IsLattice => Kind is LocoParameterKind.QuadrupoleGradient or LocoParameterKind.QuadrupoleRoll
        or LocoParameterKind.SkewQuadrupole or LocoParameterKind.SolenoidField;

    public override string ToString() => $"{Kind} {Name}";
}

/// <summary>
/// Which families LOCO fits and how long it iterates. Quadrupole gradients, skew windings, monitor gains,
/// BPM rolls and corrector gains are always fitted; quadrupole rolls and solenoid section fields on request
/// (docs/loco.md says which the simulated ring needs).
/// </summary>
public sealed record LocoOptions(bool QuadrupoleRolls = false, bool SolenoidFields = true, bool FitDispersion = true, int MaxIterations = 10)
{
    public static LocoOptions Default { get; } = new();
}
