using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Matching;

/// <summary>
/// One quantity to bring to a value: any function of the computed optics, with a weight (the
/// residual is weight * (value - target)). Factory methods cover the usual ones by element name.
/// </summary>
public sealed record MatchTarget(string Description, Func<MatchState, double> Measure, double Value, double Weight = 1)
{
    public static MatchTarget Tune(int mode, double value, double weight = 1) =>
        new($"Q{mode + 1}", s => s.Linear.Tunes[mode], value, weight);

    public static MatchTarget Chromaticity(int mode, double value, double weight = 1) =>
        new($"DQ{mode + 1}", s => s.Chromaticity[mode], value, weight) { NeedsChromaticity = true };

    public static MatchTarget MomentumCompaction(double value, double weight = 1) =>
        new("ALFA", s => s.Linear.MomentumCompaction, value, weight);

    /// <summary>A lattice function at the exit of the named element (a column of <see cref="TwissColumns"/>: BETX, ALFX, DX, DPX, BETY, ALFY, DY, DPY, BETA11 ...).</summary>
    public static MatchTarget At(string element, string column, double value, double weight = 1) =>
        new($"{column}@{element}", s => TwissColumns.Value(s.Row(element), column), value, weight);

    public bool NeedsChromaticity { get; init; }
}

/// <summary>The optics at one knob setting, as the targets see it.</summary>
public sealed class MatchState(LinearOptics linear, IReadOnlyList<double> chromaticity)
{
    public LinearOptics Linear { get; } = linear;
    public IReadOnlyList<double> Chromaticity { get; } = chromaticity;

    public TwissRow Row(string element)
    {
        int i = Linear.Lattice.IndexOf(element);
        if (i < 0) throw new OpticsException($"match target refers to {element}, which is not in the lattice");
        return Linear.Rows[i + 1];
    }
}
