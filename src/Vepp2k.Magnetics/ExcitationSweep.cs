namespace Vepp2k.Magnetics;

/// <summary>One point of a computed excitation curve: the main field (dipole B_1 [T], quadrupole G [T/m]) at a current.</summary>
public sealed record ExcitationPoint(double Current, double MainField, FieldSolution Solution);

/// <summary>
/// The computed excitation curve of a cross-section: the nonlinear field problem solved at each current
/// of a sweep, and the current that gives a wanted field (the operating point).
/// </summary>
public sealed class ExcitationSweep(MagnetostaticSolver solver, MagnetSection section, MeshSettings mesh, IronModel iron)
{
    /// <summary>The main field of a solution in the magnet's field unit: B_1 for a dipole [T], G for a quadrupole [T/m].</summary>
    public double MainField(FieldSolution s) =>
        section.Order == 1 ? s.Harmonics(1).Main : s.Harmonics(2).Gradient;

    public ExcitationPoint At(double current, CancellationToken cancel = default)
    {
        var s = solver.Solve(section, mesh, iron, current, null, cancel);
        return new ExcitationPoint(current, MainField(s), s);
    }

    /// <summary>Solves at each current; <paramref name="progress"/> hears after each point.</summary>
    public List<ExcitationPoint> Run(IReadOnlyList<double> currents, Action<ExcitationPoint>? progress = null, CancellationToken cancel = default)
    {
        var points = new List<ExcitationPoint>();
        foreach (var i in currents)
        {
            var p = At(i, cancel);
            points.Add(p);
            progress?.Invoke(p);
        }
        return points;
    }

    /// <summary>
    /// Current giving <paramref name="field"/>, by the secant method on solves (the curve is increasing
    /// and nearly straight between neighbouring currents), to <paramref name="tolerance"/> of the field.
    /// Not reaching it in a dozen solves, or a field beyond what <paramref name="maxCurrent"/> gives,
    /// is an error rather than a guess.
    /// </summary>
    public ExcitationPoint CurrentFor(double field, double maxCurrent, double tolerance = 1e-4, CancellationToken cancel = default)
    {
        var top = At(maxCurrent, cancel);
        if (top.MainField < field)
            throw new MagnetostaticsException($"the {section.Name} reaches only {top.MainField:G5} at {maxCurrent} A, below the wanted {field:G5}");
        var low = At(maxCurrent / 2, cancel);
        var high = top;
        for (int k = 0; k < 12; k++)
        {
            double i = low.Current + (field - low.MainField) * (high.Current - low.Current) / (high.MainField - low.MainField);
            var p = At(Math.Clamp(i, 0, maxCurrent), cancel);
            if (Math.Abs(p.MainField - field) <= tolerance * Math.Abs(field)) return p;
            (low, high) = (high, p);
        }
        throw new MagnetostaticsException($"the {section.Name}: no current found for {field:G5} in 12 solves");
    }
}
