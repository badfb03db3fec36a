using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vepp2k.Magnetics;

/// <summary>
/// Meshes a cross-section with Gmsh, solves it with GetDP and reads the field back. Each result is
/// cached under the SHA-256 of the .geo and .pro texts (which hold the geometry, mesh sizes, iron law
/// and current), so a repeated solve is a file read. Nothing is guessed: a failed program, a Newton
/// loop that did not converge, a piece Gmsh lost, or a missing or malformed output file is a
/// <see cref="MagnetostaticsException"/> with the solver's message.
/// </summary>
public sealed partial class MagnetostaticSolver(string cacheDirectory, TimeSpan timeout)
{
    /// <summary>Bumped when the reading of the outputs changes, so old cache entries are not reused.</summary>
    private const string CacheFormat = "2";

    public MagnetostaticSolver() : this(DefaultCacheDirectory, TimeSpan.FromMinutes(5)) { }

    /// <summary>$VEPP2K_MAGNETICS_CACHE, else ~/.cache/vepp2k/magnetics.</summary>
    public static string DefaultCacheDirectory =>
        Environment.GetEnvironmentVariable("VEPP2K_MAGNETICS_CACHE") is { Length: > 0 } d ? d
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "vepp2k", "magnetics");

    public string CacheDirectory => cacheDirectory;

    public FieldSolution Solve(MagnetSection section, MeshSettings mesh, IronModel iron, double current,
        FieldMapRequest? map = null, CancellationToken cancel = default)
    {
        string geo = GeoWriter.Write(section, mesh), pro = ProWriter.Write(section, iron, current, map);
        string key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(CacheFormat + "\n" + geo + "\n" + pro)));
        string cached = Path.Combine(cacheDirectory, key + ".json");
        if (File.Exists(cached))
            return JsonSerializer.Deserialize<FieldSolution>(File.ReadAllText(cached))! with { FromCache = true };

        // A private work folder per solve: parallel solves of the same problem never share files.
        string work = Path.Combine(cacheDirectory, "work", $"{key[..16]}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        File.WriteAllText(Path.Combine(work, "model.geo"), geo);
        File.WriteAllText(Path.Combine(work, "model.pro"), pro);
        var clock = Stopwatch.StartNew();
        string meshLog = ExternalTool.Gmsh.Run(work, timeout, cancel, "-2", "model.geo", "-o", "model.msh", "-format", "msh22");
        double meshSeconds = clock.Elapsed.TotalSeconds;
        string expected = GeoWriter.ExpectedCounts(section);
        if (!meshLog.Contains(expected, StringComparison.Ordinal))
            throw new MagnetostaticsException($"Gmsh did not find every piece of the {section.Name} again (expected '{expected}'; work folder {work}):\n{ExternalTool.Tail(meshLog)}");
        var elements = ElementCount().Match(meshLog);
        clock.Restart();
        string solveLog = ExternalTool.GetDp.Run(work, timeout, cancel, "model.pro", "-msh", "model.msh", "-solve", ProWriter.Resolution, "-pos", ProWriter.PostOperation);
        double solveSeconds = clock.Elapsed.TotalSeconds;
        var converged = Converged().Match(solveLog);
        if (!converged.Success)
            throw new MagnetostaticsException($"GetDP's Newton loop did not converge for the {section.Name} at {current} A (work folder {work}):\n{ExternalTool.Tail(solveLog)}");

        var circle = SimpleTable.Read(Path.Combine(work, ProWriter.CircleFile), 4);
        if (circle.Count != ProWriter.CirclePoints)
            throw new MagnetostaticsException($"{ProWriter.CircleFile}: {circle.Count} points, expected {ProWriter.CirclePoints} (work folder {work})");
        var centre = SimpleTable.Read(Path.Combine(work, ProWriter.CentreFile), 6);
        if (centre.Count != 1) throw new MagnetostaticsException($"{ProWriter.CentreFile}: {centre.Count} rows, expected 1 (work folder {work})");
        var fieldMap = map is null ? null
            : new FieldMap(map.HalfWidth, map.Points, ReadMap(work, ProWriter.MapFile, map), ReadMap(work, ProWriter.MapPotentialFile, map));
        var solution = new FieldSolution(section.Name, current, section.ReferenceRadius, circle.Select(r => r[3]).ToArray(),
            centre[0][3], centre[0][4], int.Parse(converged.Groups[1].Value, CultureInfo.InvariantCulture),
            elements.Success ? int.Parse(elements.Groups[1].Value, CultureInfo.InvariantCulture) : 0,
            meshSeconds, solveSeconds, fieldMap);
        string temporary = Path.Combine(work, "result.json");
        File.WriteAllText(temporary, JsonSerializer.Serialize(solution));
        File.Move(temporary, cached, overwrite: true);
        Directory.Delete(work, recursive: true);
        return solution;
    }

    /// <summary>A grid file, each value placed by its coordinates (GetDP's loop order is not part of its format).</summary>
    private static double[] ReadMap(string work, string file, FieldMapRequest map)
    {
        var grid = SimpleTable.Read(Path.Combine(work, file), 4);
        if (grid.Count != map.Points * map.Points)
            throw new MagnetostaticsException($"{file}: {grid.Count} points, expected {map.Points * map.Points} (work folder {work})");
        var values = new double[map.Points * map.Points];
        double step = 2 * map.HalfWidth / (map.Points - 1);
        foreach (var row in grid)
        {
            int i = (int)Math.Round((row[0] + map.HalfWidth) / step), j = (int)Math.Round((row[1] + map.HalfWidth) / step);
            if (i < 0 || j < 0 || i >= map.Points || j >= map.Points) throw new MagnetostaticsException($"{file}: point ({row[0]}, {row[1]}) is off the grid");
            values[j * map.Points + i] = row[3];
        }
        return values;
    }

    [GeneratedRegex(@"IterativeLoop converged \((\d+) iterations")]
    private static partial Regex Converged();

    [GeneratedRegex(@"\d+ nodes (\d+) elements")]
    private static partial Regex ElementCount();
}
