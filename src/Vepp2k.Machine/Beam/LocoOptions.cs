namespace Vepp2k.Machine.Beam;

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
