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

/// <summary>
/// Which families LOCO fits and how long it iterates. Quadrupole gradients, skew windings, monitor gains,
/// BPM rolls and corrector gains are always fitted; quadrupole rolls, solenoid section fields and sextupole feed-down on request
/// (docs/loco.md says which the simulated ring needs). <paramref name="FiniteSteps"/>: the model's response and
/// dispersion are its closed orbits' central differences at the measurement's steps (as the machine measured
/// them) rather than the linear response; the derivatives are the linear response's either way.
/// </summary>
public sealed record LocoOptions(bool QuadrupoleRolls = true, bool SolenoidFields = true, bool FitDispersion = true, int MaxIterations = 10,
    bool FiniteSteps = true, bool SextupoleFeedDown = false)
{
    /// <summary>
    /// Expected rms of each kind of lattice parameter (their tolerances), entering the fit as a Gaussian prior
    /// (one row value / rms each): "LOCO with constraints" (X. Huang, J. Safranek, G. Portmann, ICFA Beam
    /// Dynamics Newsletter 44, 2007). It holds the combinations the monitors cannot see (two quadrupoles with no
    /// monitor between them) near zero instead of letting them wander and drag their neighbours. Null: no prior.
    /// </summary>
    public IReadOnlyDictionary<LocoParameterKind, double>? Prior { get; init; } = DefaultPrior;

    /// <summary>The tolerances of <see cref="ErrorMagnitudes.Default"/> doubled; skew windings and feed-down loosely (they carry whatever coupling and orbit the ring has).</summary>
    public static IReadOnlyDictionary<LocoParameterKind, double> DefaultPrior { get; } = new Dictionary<LocoParameterKind, double>
    {
        [LocoParameterKind.QuadrupoleGradient] = 2e-3,
        [LocoParameterKind.QuadrupoleRoll] = 1e-3,
        [LocoParameterKind.SolenoidField] = 2e-3,
        [LocoParameterKind.SkewQuadrupole] = 0.1,
        [LocoParameterKind.SextupoleFeedDown] = 0.01,
    };

    // After DefaultPrior: static initialisers run in order, and Default's Prior reads it.
    public static LocoOptions Default { get; } = new();
}
