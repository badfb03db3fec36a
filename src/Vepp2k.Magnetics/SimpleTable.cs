using System.Globalization;

namespace Vepp2k.Magnetics;

/// <summary>Reads GetDP's SimpleTable output: one line per point, "x y z value...".</summary>
public static class SimpleTable
{
    /// <summary>The rows of the file, each with at least <paramref name="columns"/> finite numbers; anything else is an error naming the file.</summary>
    public static List<double[]> Read(string path, int columns)
    {
        if (!File.Exists(path)) throw new MagnetostaticsException($"GetDP wrote no {Path.GetFileName(path)} (in {Path.GetDirectoryName(path)})");
        var rows = new List<double[]>();
        int line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text)) continue;
            var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var row = new double[parts.Length];
            for (int k = 0; k < parts.Length; k++)
                if (!double.TryParse(parts[k], NumberStyles.Float, CultureInfo.InvariantCulture, out row[k]) || !double.IsFinite(row[k]))
                    throw new MagnetostaticsException($"{Path.GetFileName(path)} line {line}: '{parts[k]}' is not a finite number");
            if (row.Length < columns) throw new MagnetostaticsException($"{Path.GetFileName(path)} line {line}: {row.Length} columns, expected {columns}");
            rows.Add(row);
        }
        return rows;
    }
}
