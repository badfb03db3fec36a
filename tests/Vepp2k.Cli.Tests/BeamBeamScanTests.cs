namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class BeamBeamScanTests
{
    private static readonly string[] Tiny =
        ["beambeam", "scan", "--currents", "1,2,3", "--turns", "3", "--particles", "6", "--slices", "3", "--tune-turns", "128"];

    private static string Directory() => System.IO.Directory.CreateTempSubdirectory("vepp2k-scan").FullName;

    private static string Scan(string file, params string[] extra)
    {
        var (exit, _, error) = CliRunner.Run([.. Tiny, "--threads", "1", .. extra, "--out", file]);
        Assert.True(exit == 0, error);
        return file;
    }

    // Each point's seed depends on the scan's seed and the point alone, so the scan run as two child
    // processes (--jobs 2, the CLI spawned through the dotnet host) and merged, or as two shards merged by
    // hand, is the single-process scan to the last digit.
    // The merged scan's Parquet file holds the CSV's table, read back by a Parquet reader.
    [Fact]
    public async Task ScanRunAsJobsOrShardsEqualsTheSingleProcessScan()
    {
        string dir = Directory();
        string single = File.ReadAllText(Scan(Path.Combine(dir, "single.csv")));
        string parquet = Path.Combine(dir, "jobs.parquet");
        var (exit, _, error) = CliRunner.Run([.. Tiny, "--jobs", "2", "--threads", "2", "--out", Path.Combine(dir, "jobs.csv"), "--parquet", parquet]);
        Assert.True(exit == 0, error);
        Assert.Equal(single, File.ReadAllText(Path.Combine(dir, "jobs.csv")));
        await using (var stream = File.OpenRead(parquet))
        {
            var table = await Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(stream);
            var rows = single.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => char.IsDigit(l[0])).ToList();
            Assert.Equal(rows.Count, table.Data.Count);
            for (int r = 0; r < rows.Count; r++)
                Assert.Equal(rows[r].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)),
                    table.Schema.DataFields.Select(f => (double)table.Data[r][f.Name]!));
        }

        string a = Scan(Path.Combine(dir, "a.csv"), "--shard", "0/2"), b = Scan(Path.Combine(dir, "b.csv"), "--shard", "1/2");
        Assert.Equal(0, CliRunner.Run("beambeam", "merge", b, a, "--out", Path.Combine(dir, "merged.csv")).Exit);
        Assert.Equal(single, File.ReadAllText(Path.Combine(dir, "merged.csv")));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "merged.csv")).Count(l => char.IsDigit(l[0])));
    }

    // At low current the tracked luminosity is the nominal bunches' with the hourglass, so xi_L is the nominal xi
    // of the minor axis: on the flat VEPP-2M-like ring (beta* 0.40 / 0.05 m, sigma_y / sigma_x ~ 0.03) within the
    // estimator's statistical error at 512 particles (10 % allowed; the round-beam form with beta_x would give 4x).
    [Fact]
    public void XiFromTheLuminosityIsTheNominalXiAtLowCurrentOnAFlatRing()
    {
        string file = Path.Combine(Directory(), "flat.csv");
        var (exit, _, error) = CliRunner.Run("beambeam", "scan", "--lattice", Path.Combine(AppContext.BaseDirectory, "Reference", "vepp2m.madx"),
            "--ips", "IP,IP2", "--currents", "0.2", "--vertical-emittance", "1.35e-9", "--turns", "400", "--particles", "512", "--slices", "3",
            "--damping-acceleration", "1000", "--model", "linear", "--tune-turns", "128", "--threads", "1", "--out", file);
        Assert.True(exit == 0, error);
        var lines = File.ReadAllLines(file).SkipWhile(l => l.StartsWith('#')).ToList();
        var row = lines[0].Split(',').Zip(lines[1].Split(',')).ToDictionary(p => p.First, p => double.Parse(p.Second, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(row["xi_y"], row["xi_luminosity"], 0.1 * row["xi_y"]);
        Assert.True(row["xi_y"] > 3 * row["xi_x"], "a flat ring's minor axis has the larger xi");
    }

    [Fact]
    public void MergeRefusesOtherScansDuplicatesAndMissingPoints()
    {
        string dir = Directory();
        string a = Scan(Path.Combine(dir, "a.csv"), "--shard", "0/2"), b = Scan(Path.Combine(dir, "b.csv"), "--shard", "1/2");
        string other = Scan(Path.Combine(dir, "other.csv"), "--shard", "1/2", "--seed", "2");
        string output = Path.Combine(dir, "out.csv");

        var (exit, _, error) = CliRunner.Run("beambeam", "merge", a, other, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("different scan", error);

        (exit, _, error) = CliRunner.Run("beambeam", "merge", a, b, a, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("point 0 is given twice", error);

        (exit, _, error) = CliRunner.Run("beambeam", "merge", a, "--out", output);
        Assert.Equal(2, exit);
        Assert.Contains("points 1 of 3 are missing", error);

        (exit, _, error) = CliRunner.Run("beambeam", "merge", a, Path.Combine(dir, "nothing.csv"), "--out", output);
        Assert.Equal(2, exit);
        Assert.False(File.Exists(output));
    }

    // A child that fails (here: every shard, for a lattice file that is not there, which only the children
    // read) fails the scan with the shard and the child's own message.
    [Fact]
    public void FailingChildProcessFailsTheScanWithItsMessage()
    {
        string dir = Directory();
        var (exit, _, error) = CliRunner.Run([.. Tiny, "--lattice", Path.Combine(dir, "missing.madx"), "--jobs", "2", "--out", Path.Combine(dir, "jobs.csv")]);
        Assert.Equal(2, exit);
        Assert.Contains("shard 1/2 failed (exit code 2)", error);
        Assert.Contains("missing.madx", error);
        Assert.False(File.Exists(Path.Combine(dir, "jobs.csv")));
    }

    // A working-point grid of the linear model: one row per (q1, q2) pair (here 2 x 1 at one current), whose
    // tune columns are the model's own eigen-tunes; the grid is refused for the element-by-element model.
    [Fact]
    public void WorkingPointGridGivesOneRowPerTunePair()
    {
        string dir = Directory(), file = Path.Combine(dir, "grid.csv");
        string[] grid = ["beambeam", "scan", "--currents", "1", "--q1", "0.09,0.12", "--q2", "0.1", "--turns", "2", "--particles", "4",
            "--slices", "1", "--tune-turns", "128", "--threads", "1", "--out", file];
        var (exit, _, error) = CliRunner.Run([.. grid, "--model", "linear"]);
        Assert.True(exit == 0, error);
        var rows = File.ReadAllLines(file).Where(l => char.IsDigit(l[0])).Select(l => l.Split(',')).ToList();
        Assert.Equal(2, rows.Count);
        double Cell(int row, int column) => double.Parse(rows[row][column], System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0.09, Cell(0, 2), 1e-9);
        Assert.Equal(0.12, Cell(1, 2), 1e-9);
        Assert.Equal(0.1, Cell(1, 3), 1e-9);

        (exit, _, error) = CliRunner.Run(grid);
        Assert.Equal(2, exit);
        Assert.Contains("--model linear", error);
    }
}
