using System.Globalization;

namespace Vepp2k.Machine.Magnets;

/// <summary>
/// An excitation curve given as a table of (current, field) points, interpolated linearly between
/// them: the computed curves of the 2-D magnetostatics (Vepp2k.Magnetics, solved with Gmsh and GetDP),
/// checked in as CSV files under Data/computed beside the analytic circuit model. The solver has no
/// hysteresis (a single-valued B-H table), so both branches are the same curve.
/// </summary>
public sealed class TableCurve : IExcitationCurve
{
    private readonly double[] currents, fields;

    public TableCurve(string origin, IReadOnlyList<double> currents, IReadOnlyList<double> fields)
    {
        if (currents.Count < 2 || currents.Count != fields.Count)
            throw new ArgumentException($"{origin}: a table curve needs at least two (current, field) points");
        for (int k = 1; k < currents.Count; k++)
            if (!(currents[k] > currents[k - 1] && fields[k] > fields[k - 1]))
                throw new ArgumentException($"{origin}: current and field must both increase (row {k + 1})");
        (Origin, this.currents, this.fields) = (origin, [.. currents], [.. fields]);
    }

    /// <summary>Where the table came from (the CSV's name and the command that made it): what marks it as computed.</summary>
    public string Origin { get; }
    public double MinCurrent => currents[0];
    public double MaxCurrent => currents[^1];
    public bool HasHysteresis => false;

    public double Field(double current, HysteresisBranch branch) => Interpolate(currents, fields, current);
    public double Current(double field, HysteresisBranch branch) => Interpolate(fields, currents, field);

    /// <summary>
    /// Reads "current,field" rows; lines starting with # are the provenance (the command that made the
    /// file, the geometry, the mesh, the steel) and are kept as the origin.
    /// </summary>
    public static TableCurve Parse(string name, string text)
    {
        var notes = new List<string>();
        var (i, f) = (new List<double>(), new List<double>());
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            if (line.StartsWith('#')) { notes.Add(line.TrimStart('#').Trim()); continue; }
            var parts = line.Split(',');
            if (parts.Length != 2 || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double a)
                || !double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double b))
                throw new InvalidDataException($"{name}: '{line}' is not 'current,field' (notes start with #)");
            i.Add(a);
            f.Add(b);
        }
        return new TableCurve($"{name} ({string.Join("; ", notes)})", i, f);
    }

    /// <summary>Linear interpolation in a strictly increasing table; outside it is refused by the caller (Magnet checks the range), so the ends are held.</summary>
    private static double Interpolate(double[] x, double[] y, double at)
    {
        if (at <= x[0]) return y[0];
        if (at >= x[^1]) return y[^1];
        int k = Array.BinarySearch(x, at);
        if (k >= 0) return y[k];
        k = ~k;
        return y[k - 1] + (at - x[k - 1]) * (y[k] - y[k - 1]) / (x[k] - x[k - 1]);
    }
}
