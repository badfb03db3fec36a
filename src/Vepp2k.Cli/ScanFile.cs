using System.Globalization;
using Vepp2k.Physics;
using Vepp2k.Physics.BeamBeam;

namespace Vepp2k.Cli;

/// <summary>
/// A scan's result file: comment lines naming the scan (its id, point count and settings) and the shard,
/// then a CSV table with one row per point. Numbers are written round-trip ("R"), so a merged file is
/// byte for byte the file one process running every point writes. <see cref="Merge"/> refuses shards of
/// different scans, a point given twice and a point no shard gave.
/// </summary>
public static class ScanFile
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;
    private const string Magic = "# vepp2k beambeam scan, format 1";

    // The columns files had before the mode emittances were added; still read (and plotted), not written.
    private const string ColumnsWithoutEmittances =
        "index,current_mA,q1,q2,population,seed,xi_x,xi_y,tune_shift_1,tune_shift_2,tune_shift_first_order_1,tune_shift_first_order_2," +
        "sigma_x_envelope_m,sigma_y_envelope_m,sigma_z_envelope_m,sigma_x_m,sigma_y_m,sigma_z_m," +
        "luminosity_geometric_cm2s,luminosity_hourglass_cm2s,luminosity_cm2s,xi_luminosity,survivors";

    public const string Columns = ColumnsWithoutEmittances + ",emittance_1_envelope_m,emittance_2_envelope_m,emittance_1_m,emittance_2_m,emittance_3_m";

    /// <summary>
    /// One point's row. xi_L is the nominal xi of the strong bunch's minor axis (y; either for round beams) times the
    /// tracked luminosity over the nominal bunches' luminosity with the hourglass: for round beams L r_e beta* /
    /// (gamma f0 N H) (beam-physics.md 2.2), for flat ones 2 L r_e beta_y / (gamma f0 N H (1 + sigma_y/sigma_x)).
    /// </summary>
    public static string Row(int index, ScanSettings settings, Lattice lattice, WeakStrongResult r)
    {
        var ip = r.Ips[0];
        double xiL = ip.XiY * r.TrackedLuminosity / r.OverlapLuminosity;
        static string N(double v) => v.ToString("R", C);
        double[] physics =
        [
            ip.XiX, ip.XiY, r.MeasuredTuneShift[0], r.MeasuredTuneShift[1], r.Ips.Sum(p => p.ExpectedTuneShift[0]), r.Ips.Sum(p => p.ExpectedTuneShift[1]),
            r.EnvelopeSizes[0], r.EnvelopeSizes[1], r.EnvelopeSizes[2], r.TrackedSizes[0], r.TrackedSizes[1], r.TrackedSizes[2],
            r.GeometricLuminosity * 1e-4, r.OverlapLuminosity * 1e-4, r.TrackedLuminosity * 1e-4, xiL,
        ];
        double[] emittances = [.. (r.EnvelopeEmittances ?? [double.NaN, double.NaN]).Take(2), .. r.TrackedEmittances ?? [double.NaN, double.NaN, double.NaN]];
        return string.Join(',', [index.ToString(C), N(settings.CurrentMa(index)), N(r.BareTunes[0]), N(r.BareTunes[1]), N(r.Population),
            settings.PointSeed(index).ToString(C), .. physics.Select(N), r.Survivors.ToString(C), .. emittances.Select(N)]);
    }

    /// <param name="shard">"k/n", or "all" for a whole scan.</param>
    public static void Write(string path, ScanSettings settings, string shard, IEnumerable<string> rows) =>
        File.WriteAllLines(path, [Magic, $"# scan {settings.Id} points {settings.Points.ToString(C)}", $"# settings {settings.Identity()}",
            $"# shard {shard}", Columns, .. rows]);

    /// <summary>The shards' rows in point order, under the header of the whole scan.</summary>
    public static void Merge(IReadOnlyList<string> inputs, string output)
    {
        if (inputs.Count == 0) throw new ArgumentException("no shard files given");
        var shards = inputs.Select(Read).ToList();
        var first = shards[0];
        foreach (var s in shards.Skip(1))
            if (s.Scan != first.Scan || s.Header != first.Header)
                throw new FormatException($"{s.Path} is from a different scan than {first.Path}:\n  {s.Path}: {s.Scan}\n  {first.Path}: {first.Scan}");
        var rows = new SortedDictionary<int, (string Row, string Path)>();
        foreach (var s in shards)
            foreach (var (index, row) in s.Rows)
            {
                if (rows.TryGetValue(index, out var seen))
                    throw new FormatException($"point {index} is given twice, by {seen.Path} and {s.Path}");
                rows[index] = (row, s.Path);
            }
        var missing = Enumerable.Range(0, first.Points).Where(i => !rows.ContainsKey(i)).ToList();
        if (missing.Count > 0)
            throw new FormatException($"points {string.Join(", ", missing)} of {first.Points} are missing: no shard file given has them");
        File.WriteAllLines(output, [Magic, first.ScanLine, first.SettingsLine, "# shard all", first.Header, .. rows.Values.Select(r => r.Row)]);
    }

    /// <summary>
    /// A scan file's settings line and its points as named numbers (the columns of <see cref="Columns"/>), in
    /// point order: what the plots read.
    /// </summary>
    public static (string Settings, List<Dictionary<string, double>> Points) Points(string path)
    {
        var shard = Read(path);
        var names = shard.Header.Split(',');
        var points = shard.Rows.OrderBy(r => r.Index).Select(r =>
        {
            var cells = r.Row.Split(',');
            if (cells.Length != names.Length) throw new FormatException($"{path}: point {r.Index} has {cells.Length} cells, not {names.Length}");
            return names.Zip(cells).ToDictionary(p => p.First, p => double.Parse(p.Second, NumberStyles.Float, C));
        }).ToList();
        return (shard.SettingsLine["# settings ".Length..], points);
    }

    /// <summary>A scan file's table (its points in order, the settings left in the CSV's header) as Parquet.</summary>
    public static void WriteParquet(string path, string parquet)
    {
        var shard = Read(path);
        ResultTable.Parse(shard.Header, [.. shard.Rows.OrderBy(r => r.Index).Select(r => r.Row)]).WriteParquet(parquet);
    }

    private sealed record Shard(string Path, string ScanLine, string SettingsLine, string Header, int Points, List<(int Index, string Row)> Rows)
    {
        public string Scan => ScanLine + " (" + SettingsLine["# settings ".Length..] + ")";
    }

    private static Shard Read(string path)
    {
        var lines = File.ReadAllLines(path);
        if (lines.Length < 5 || lines[0] != Magic || !lines[1].StartsWith("# scan ", StringComparison.Ordinal)
            || !lines[2].StartsWith("# settings ", StringComparison.Ordinal) || !lines[3].StartsWith("# shard ", StringComparison.Ordinal) || (lines[4] != Columns && lines[4] != ColumnsWithoutEmittances))
            throw new FormatException($"{path} is not a result file of vepp2k beambeam scan (format 1)");
        var words = lines[1].Split(' ');
        if (words.Length != 5 || words[3] != "points" || !int.TryParse(words[4], NumberStyles.None, C, out int points))
            throw new FormatException($"{path}: bad scan line '{lines[1]}'");
        var rows = new List<(int, string)>();
        foreach (var row in lines.Skip(5).Where(l => l.Length > 0))
        {
            var cell = row[..Math.Max(0, row.IndexOf(','))];
            if (!int.TryParse(cell, NumberStyles.None, C, out int index) || index >= points)
                throw new FormatException($"{path}: bad point index '{cell}' (the scan has {points} points)");
            rows.Add((index, row));
        }
        return new Shard(path, lines[1], lines[2], lines[4], points, rows);
    }
}
