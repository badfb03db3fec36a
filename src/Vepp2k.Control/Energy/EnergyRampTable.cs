using System.Globalization;
using System.Text;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>
/// Energy-ramp tables as CSV, as the facility keeps them: a header <c>time_s,energy_MeV,PS,1D1,...</c>
/// and one row per table node (equally spaced in time, the supplies' table mode), each element's
/// current [A] in its column. Written from a plan; read back as a plan after checks that leave
/// nothing to chance: known elements, each column starting where its supply is now, every current
/// inside its drive limits, no supply asked to move faster than it can, energies in the machine's range.
/// </summary>
public static class EnergyRampTable
{
    /// <summary>Largest table read (bytes of text): 37 supplies x 100 001 nodes fit with room to spare.</summary>
    public const int MaxChars = 64 << 20;

    public static string ToCsv(EnergyRampPlan plan)
    {
        var text = new StringBuilder();
        text.Append("time_s,energy_MeV");
        foreach (var leg in plan.Legs) text.Append(',').Append(leg.Element.Name);
        text.Append('\n');
        for (int k = 0; k < plan.Nodes; k++)
        {
            double fraction = (double)k / (plan.Nodes - 1);
            text.Append(N(plan.Duration.TotalSeconds * fraction, "F4")).Append(',').Append(N(plan.Energy.At(fraction) / 1e6, "F6"));
            foreach (var leg in plan.Legs) text.Append(',').Append(N(leg.Path![k], "F6"));
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>The table as a plan to run from the machine's present state, or why it cannot be run.</summary>
    public static (EnergyRampPlan? Plan, string? Problem) Parse(string csv, MagnetSystem machine)
    {
        if (csv.Length > MaxChars) return (null, $"the table is {csv.Length} characters; at most {MaxChars}");
        var lines = csv.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToArray();
        if (lines.Length < 3) return (null, "a table needs its header and at least two rows");
        var header = lines[0].Split(',').Select(h => h.Trim()).ToArray();
        if (header.Length < 3 || header[0] != "time_s" || header[1] != "energy_MeV")
            return (null, "the header must be time_s,energy_MeV followed by element names");
        int nodes = lines.Length - 1;
        if (nodes > EnergyRampPlanner.MaximumNodes) return (null, $"{nodes} rows; at most {EnergyRampPlanner.MaximumNodes}");
        var elements = new PoweredElement[header.Length - 2];
        for (int c = 2; c < header.Length; c++)
        {
            if (machine.Find(header[c]) is not { } e) return (null, $"column {c + 1}: no element '{Cut(header[c])}'");
            if (elements.Contains(e)) return (null, $"column {c + 1}: {e.Name} appears twice");
            elements[c - 2] = e;
        }
        var times = new double[nodes];
        var energies = new double[nodes];
        var paths = elements.Select(_ => new double[nodes]).ToArray();
        for (int k = 0; k < nodes; k++)
        {
            var cells = lines[k + 1].Split(',');
            if (cells.Length != header.Length) return (null, $"row {k + 2}: {cells.Length} values for {header.Length} columns");
            for (int c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) || !double.IsFinite(v))
                    return (null, $"row {k + 2}, column {header[c]}: '{Cut(cells[c])}' is not a finite number");
                if (c == 0) times[k] = v;
                else if (c == 1) energies[k] = v * 1e6;
                else paths[c - 2][k] = v;
            }
        }
        if (CheckTime(times) is { } timing) return (null, timing);
        int strange = Array.FindIndex(energies, e => !BeamEnergyRange.Measurable(e));
        if (strange >= 0) return (null, $"row {strange + 2}: {N(energies[strange] / 1e6, "G6")} MeV is outside the machine's range 160 .. 1000 MeV");
        var legs = new List<RampLeg>(elements.Length);
        for (int i = 0; i < elements.Length; i++)
        {
            var e = elements[i];
            var path = paths[i];
            if (Math.Abs(path[0] - e.Request) > e.ArrivalTolerance)
                return (null, $"{e.Name} is asked for {N(e.Request, "F4")} A now; the table starts it at {N(path[0], "F4")} A");
            int outside = Array.FindIndex(path, a => a < e.Model.MinCurrent || a > e.Model.MaxCurrent);
            if (outside >= 0)
                return (null, $"{e.Name}: {N(path[outside], "F3")} A at {N(times[outside], "F3")} s is outside the drive limits [{N(e.Model.MinCurrent, "G6")}, {N(e.Model.MaxCurrent, "G6")}] A");
            path[0] = e.Request;
            legs.Add(new RampLeg(e, path[0], path[^1]) { Path = path });
        }
        var duration = TimeSpan.FromSeconds(times[^1]);
        var needed = RampPlanner.Duration(legs);
        if (needed > duration)
            return (null, $"the table takes {N(duration.TotalSeconds, "F2")} s; its supplies need at least {N(needed.TotalSeconds, "F2")} s (dI/dt and voltage limits)");
        return (new EnergyRampPlan(new EnergyPath(energies[0], energies[^1]), legs, duration, nodes), null);
    }

    // The table mode steps at a fixed period: rows from t = 0, equally spaced.
    private static string? CheckTime(double[] times)
    {
        if (times[0] != 0) return "the first row must be at time_s = 0";
        double step = times[^1] / (times.Length - 1);
        if (!(step > 0)) return "time_s must increase";
        for (int k = 1; k < times.Length; k++)
            if (Math.Abs(times[k] - k * step) > 1e-3 * step + 1e-4)
                return $"row {k + 2}: time_s {N(times[k], "G6")} breaks the equal spacing of {N(step, "G6")} s (table mode)";
        return null;
    }

    private static string Cut(string s) => s.Length > 40 ? s[..40] + "..." : s;

    private static string N(double x, string format) => x.ToString(format, CultureInfo.InvariantCulture);
}
