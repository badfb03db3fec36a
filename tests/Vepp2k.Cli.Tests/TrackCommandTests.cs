using System.Globalization;

namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class TrackCommandTests
{
    private static string TempPath(string name) => Path.Combine(Directory.CreateTempSubdirectory("vepp2k-track").FullName, name);

    // A small dynamic-aperture scan of the design ring: it runs, writes its CSV and plot, and the
    // boundary it finds is inside the scan and survives while a step beyond it does not.
    [Fact]
    public async Task DynamicApertureScanOfTheDesignRingWritesCsvPlotAndParquet()
    {
        string csv = TempPath("da.csv"), png = TempPath("da.png"), parquet = TempPath("da.parquet");
        var (exit, output, error) = CliRunner.Run("track", "da", "--turns", "64", "--rays", "3", "--steps", "5", "--threads", "2",
            "--csv", csv, "--plot", png, "--parquet", parquet);
        Assert.True(exit == 0, error);
        Assert.Contains("dynamic aperture of design-1GeV", output);
        var rows = File.ReadAllLines(csv);
        Assert.Equal("angle_rad,delta,x_m,y_m,amplitude_m,resolution_m", rows[0]);
        Assert.Equal(4, rows.Length);
        foreach (var row in rows.Skip(1))
        {
            var amplitude = double.Parse(row.Split(',')[4], CultureInfo.InvariantCulture);
            Assert.InRange(amplitude, 1e-4, 0.02);
        }
        Assert.True(new FileInfo(png).Length > 1000);
        // The Parquet file holds the CSV's table, every column a double, read back by a Parquet reader.
        await using var stream = File.OpenRead(parquet);
        var table = await Parquet.Serialization.ParquetSerializer.DeserializeUntypedAsync(stream);
        Assert.Equal(rows[0].Split(','), table.Schema.DataFields.Select(f => f.Name));
        Assert.All(table.Schema.DataFields, f => Assert.Equal(typeof(double), f.ClrType));
        Assert.Equal(rows.Length - 1, table.Data.Count);
        for (int r = 1; r < rows.Length; r++)
            Assert.Equal(rows[r].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)), table.Schema.DataFields.Select(f => (double)table.Data[r - 1][f.Name]!));
    }

    // The grid scan reads survival at fixed amplitudes; on the design ring, where survival is monotonic
    // (no sextupoles: the aperture decides), its boundary is the last grid point at or below the
    // bisection's, so the two brackets overlap. --no-rf with --radiation is refused.
    [Fact]
    public void GridScanOfTheDesignRingBracketsTheBisection()
    {
        string grid = TempPath("grid.csv"), bisection = TempPath("bisection.csv");
        const double step = 5e-4;
        string[] common = ["track", "da", "--turns", "64", "--rays", "3", "--no-rf", "--threads", "2"];
        var (exit, output, error) = CliRunner.Run([.. common, "--grid-step", step.ToString("R", CultureInfo.InvariantCulture), "--csv", grid]);
        Assert.True(exit == 0, error);
        Assert.Contains("RF off", output);
        (exit, _, error) = CliRunner.Run([.. common, "--steps", "10", "--csv", bisection]);
        Assert.True(exit == 0, error);
        static double[][] Read(string path) =>
            [.. File.ReadAllLines(path).Skip(1).Select(r => r.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())];
        var g = Read(grid);
        var b = Read(bisection);
        Assert.Equal(3, g.Length);
        for (int k = 0; k < g.Length; k++)
        {
            Assert.Equal(step, g[k][5]);
            Assert.Equal(Math.Round(g[k][4] / step), g[k][4] / step, 9);
            // Both bracket the same boundary: grid [g, g + step), bisection [b, b + its resolution].
            Assert.InRange(b[k][4], g[k][4] - b[k][5], g[k][4] + step);
        }
        (exit, _, error) = CliRunner.Run([.. common, "--grid-step", "0.001", "--radiation"]);
        Assert.Equal(2, exit);
        Assert.Contains("--no-rf", error);
    }

    [Fact]
    public void FootprintOfTheDesignRingIsAtItsWorkingPoint()
    {
        string csv = TempPath("fp.csv");
        var (exit, _, error) = CliRunner.Run("track", "footprint", "--turns", "256", "--grid", "2", "--max-x", "1e-5", "--max-y", "2e-5", "--csv", csv);
        Assert.True(exit == 0, error);
        // A small-amplitude particle has the optics' eigen-tunes (3.1 in both modes for design-1GeV).
        var optics = CliRunner.Run("optics", "--json");
        var tunes = System.Text.Json.JsonDocument.Parse(optics.Out).RootElement.GetProperty("tunes");
        double q = tunes[0].GetDouble() - Math.Floor(tunes[0].GetDouble());
        foreach (var row in File.ReadAllLines(csv).Skip(1))
        {
            var q1 = double.Parse(row.Split(',')[2], CultureInfo.InvariantCulture);
            Assert.Equal(q, q1, 1e-6);
        }
    }

    // The counter-rotating beam has the same eigen-tunes (ReversedBeamTests has the why).
    [Fact]
    public void PositronFootprintHasTheElectronTunes()
    {
        string electrons = TempPath("em.csv"), positrons = TempPath("ep.csv");
        Assert.Equal(0, CliRunner.Run("track", "footprint", "--turns", "256", "--grid", "2", "--max-x", "1e-5", "--max-y", "2e-5", "--csv", electrons).Exit);
        var (exit, output, error) = CliRunner.Run("track", "footprint", "--direction", "e+", "--turns", "256", "--grid", "2", "--max-x", "1e-5", "--max-y", "2e-5", "--csv", positrons);
        Assert.True(exit == 0, error);
        Assert.Contains("(e+)", output);
        // Every mode tune found (at equal tunes a launch may leave one mode unexcited: NaN) is the e- one.
        var tunes = (string path) => File.ReadAllLines(path).Skip(1)
            .SelectMany(r => r.Split(',')[2..4].Select(v => double.Parse(v, CultureInfo.InvariantCulture))).Where(double.IsFinite).ToArray();
        double reference = tunes(electrons)[0];
        Assert.True(tunes(positrons).Length >= 4);
        Assert.All(tunes(positrons), q => Assert.Equal(reference, q, 1e-6));
    }

    // The slope of the tracked Q(delta) at zero is the optics' chromaticity (both modes).
    [Fact]
    public void QDeltaSlopeIsTheOpticsChromaticity()
    {
        string csv = TempPath("qd.csv");
        var (exit, _, error) = CliRunner.Run("track", "qdelta", "--points", "3", "--delta-max", "2e-4", "--csv", csv);
        Assert.True(exit == 0, error);
        var rows = File.ReadAllLines(csv).Skip(1).Select(r => r.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToArray();
        var chromaticity = System.Text.Json.JsonDocument.Parse(CliRunner.Run("optics", "--json").Out).RootElement.GetProperty("chromaticity");
        for (int k = 0; k < 2; k++)
            Assert.Equal(chromaticity[k].GetDouble(), (rows[2][k + 1] - rows[0][k + 1]) / (rows[2][0] - rows[0][0]), 1e-2);
    }

    [Fact]
    public void MomentumAcceptanceBracketsTheDesignMomentum()
    {
        string csv = TempPath("ma.csv");
        var (exit, output, error) = CliRunner.Run("track", "acceptance", "--turns", "100", "--steps", "6", "--csv", csv);
        Assert.True(exit == 0, error);
        Assert.Contains("momentum acceptance of design-1GeV", output);
        var cells = File.ReadAllLines(csv)[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.True(cells[0] < 0 && cells[1] > 0, string.Join(" ", cells));
    }

    [Fact]
    public void RadiationIsRefusedForTheFourDimensionalTuneStudies()
    {
        var (exit, _, error) = CliRunner.Run("track", "fma", "--radiation", "--grid", "1");
        Assert.Equal(2, exit);
        Assert.Contains("--radiation", error);
    }

    // The equilibrium study prints and writes its tails (fraction beyond 1-5 rms per mode, beside the Gaussian
    // exp(-A^2/2)) and plots them; 300 turns are far from equilibrium, so only the wiring is checked here (the
    // Gaussian tails of a damped beam are RadiationTrackingTests').
    [Fact]
    public void EquilibriumWritesItsTailsAndPlotsThem()
    {
        string dir = Directory.CreateTempSubdirectory("vepp2k-eq").FullName;
        string csv = Path.Combine(dir, "eq.csv"), png = Path.Combine(dir, "tails.png");
        var (exit, output, error) = CliRunner.Run("track", "equilibrium", "--turns", "300", "--particles", "64", "--csv", csv, "--plot", png);
        Assert.True(exit == 0, error);
        Assert.Contains("tails", output);
        var rows = File.ReadAllLines(csv).Where(l => l.StartsWith("fraction_beyond_", StringComparison.Ordinal)).ToArray();
        Assert.Equal(15, rows.Length);   // 5 amplitudes x 3 modes
        Assert.Equal(Math.Exp(-4.5), double.Parse(rows[2].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture), 1e-15);
        Assert.True(new FileInfo(png).Length > 1000);
    }
}
