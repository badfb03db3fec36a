using Vepp2k.Machine.Magnets;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// The ring LOCO fits: a mode's ring at the magnet strengths of the measurement (catalogue order), with the
/// fitted lattice parameters as its errors. The dipole correctors are set to zero in the model: LOCO
/// describes the linear optics about the measured closed orbit, and the correctors' settings only moved
/// that orbit (they hold it near the model's zero orbit after an orbit correction).
/// </summary>
public sealed class LocoModel
{
    public LocoModel(string mode, double energyEv, IReadOnlyList<double> strengths, MagnetCatalogue catalogue)
    {
        if (strengths.Count != catalogue.Magnets.Count)
            throw new ArgumentException($"{strengths.Count} strengths for {catalogue.Magnets.Count} magnets");
        Mode = mode;
        EnergyEv = energyEv;
        Catalogue = catalogue;
        var s = strengths.ToArray();
        for (int i = 0; i < s.Length; i++)
            if (catalogue.Magnets[i].Kind is MagnetKind.HorizontalCorrector or MagnetKind.VerticalCorrector or MagnetKind.DipoleTrim) s[i] = 0;
        Strengths = s;
    }

    public string Mode { get; }
    public double EnergyEv { get; }
    public MagnetCatalogue Catalogue { get; }

    /// <summary>Strengths of every magnet (catalogue order) with the dipole correctors at zero.</summary>
    public IReadOnlyList<double> Strengths { get; }

    /// <summary>The 24 quadrupoles 1D1 .. 4F3.</summary>
    public static IReadOnlyList<string> Quadrupoles { get; } =
        [.. from q in Enumerable.Range(1, 4) from n in RingErrors.QuadrupoleNames select $"{q}{n}"];

    /// <summary>The 12 solenoid sections 1S1 .. 4S3.</summary>
    public static IReadOnlyList<string> SolenoidSections { get; } =
        [.. from q in Enumerable.Range(1, 4) from k in Enumerable.Range(1, 3) select $"{q}S{k}"];

    /// <summary>The skew-quadrupole windings (1SQ1 ..), in catalogue order.</summary>
    public IEnumerable<string> SkewWindings => Catalogue.OfKind(MagnetKind.SkewQuadrupole).Select(m => m.Name);

    /// <summary>
    /// The ring with lattice parameters set: quadrupole gradients and rolls and solenoid fields as errors,
    /// skew windings as changes of their strengths, sextupole feed-down as a normal gradient in their multipoles. Gain parameters are ignored (they belong to the instruments).
    /// </summary>
    public SteeredRing Build(IReadOnlyList<LocoParameter> parameters, IReadOnlyList<double> values)
    {
        var strengths = Strengths.ToArray();
        var fields = new Dictionary<string, double>();
        var rolls = new Dictionary<string, double>();
        for (int p = 0; p < parameters.Count; p++)
        {
            var (kind, name) = (parameters[p].Kind, parameters[p].Name);
            switch (kind)
            {
                case LocoParameterKind.QuadrupoleGradient or LocoParameterKind.SolenoidField: fields[name] = values[p]; break;
                case LocoParameterKind.QuadrupoleRoll: rolls[name] = values[p]; break;
                case LocoParameterKind.SkewQuadrupole: strengths[Catalogue.IndexOf(name)] += values[p]; break;
            }
        }
        var magnets = fields.Keys.Union(rolls.Keys).ToDictionary(n => n,
            n => new MagnetError(Field: fields.GetValueOrDefault(n), Roll: rolls.GetValueOrDefault(n)));
        var errors = new RingErrors(magnets, new Dictionary<string, BpmError>(), new Dictionary<string, CcdError>(), "LOCO fit");
        var ring = SteeredRing.Build(Mode, EnergyEv, strengths, Catalogue, errors);
        var feedDown = Enumerable.Range(0, parameters.Count).Where(p => parameters[p].Kind == LocoParameterKind.SextupoleFeedDown)
            .ToDictionary(p => parameters[p].Name, p => values[p], StringComparer.OrdinalIgnoreCase);
        return feedDown.Count == 0 ? ring : ring.WithLattice(WithFeedDown(ring.Lattice, feedDown));
    }

    // The sextupoles' thin multipoles with a normal gradient K1L added.
    private static Lattice WithFeedDown(Lattice lattice, Dictionary<string, double> gradients) =>
        new(lattice.Name, lattice.Elements.Select(e => e is ThinMultipole m && gradients.TryGetValue(m.Name, out var k1l)
            ? new ThinMultipole(m.Name, [.. m.Knl.Select((k, n) => n == 1 ? k + k1l : k)], [.. m.Ksl])
            : e), lattice.EnergyEv);

    /// <summary>The 12 sextupoles 1SX .. 4SD.</summary>
    public static IReadOnlyList<string> Sextupoles { get; } =
        [.. from q in Enumerable.Range(1, 4) from n in RingErrors.SextupoleNames select $"{q}{n}"];

    /// <summary>The parameters LOCO fits with these options, lattice first, for the given monitors and correctors.</summary>
    public IReadOnlyList<LocoParameter> Parameters(LocoOptions options, IReadOnlyList<string> monitors, IReadOnlyList<string> correctors)
    {
        var list = new List<LocoParameter>();
        list.AddRange(Quadrupoles.Select(q => new LocoParameter(LocoParameterKind.QuadrupoleGradient, q)));
        if (options.QuadrupoleRolls) list.AddRange(Quadrupoles.Select(q => new LocoParameter(LocoParameterKind.QuadrupoleRoll, q)));
        list.AddRange(SkewWindings.Select(s => new LocoParameter(LocoParameterKind.SkewQuadrupole, s)));
        if (options.SolenoidFields) list.AddRange(SolenoidSections.Select(s => new LocoParameter(LocoParameterKind.SolenoidField, s)));
        if (options.SextupoleFeedDown) list.AddRange(Sextupoles.Select(s => new LocoParameter(LocoParameterKind.SextupoleFeedDown, s)));
        list.AddRange(monitors.Select(m => new LocoParameter(LocoParameterKind.MonitorGainX, m)));
        list.AddRange(monitors.Select(m => new LocoParameter(LocoParameterKind.MonitorGainZ, m)));
        list.AddRange(monitors.Where(m => RingErrors.BpmNames.Contains(m)).Select(m => new LocoParameter(LocoParameterKind.BpmRoll, m)));
        list.AddRange(correctors.Select(c => new LocoParameter(LocoParameterKind.CorrectorGain, c)));
        return list;
    }
}
