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
    /// <summary>
    /// Normal gradient K1L [1/m] at a sextupole (1SX ..): its feed-down K2L x where the beam passes it off
    /// centre (its offset and the orbit there; the skew part K2L z is the skew winding's parameter).
    /// </summary>
    SextupoleFeedDown,
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
        or LocoParameterKind.SkewQuadrupole or LocoParameterKind.SolenoidField or LocoParameterKind.SextupoleFeedDown;

    public override string ToString() => $"{Kind} {Name}";
}
