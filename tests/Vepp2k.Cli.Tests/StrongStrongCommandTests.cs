using System.Globalization;

namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class StrongStrongCommandTests
{
    // A small particle-in-cell run: its CSV's centroids oscillate against each other at the pi mode, and the
    // mode it prints lies above the lattice tune by about Yokoya's 1.21 xi (coarse here: 4000 particles).
    [Fact]
    public void StrongStrongRunPrintsTheModesAndWritesTheCentroids()
    {
        string dir = Directory.CreateTempSubdirectory("vepp2k-ss").FullName;
        string csv = Path.Combine(dir, "ss.csv"), png = Path.Combine(dir, "ss.png");
        var (exit, output, error) = CliRunner.Run("beambeam", "strongstrong", "--xi", "0.01", "--particles", "4000", "--turns", "512",
            "--grid", "64", "--cells-per-sigma", "6", "--threads", "1", "--csv", csv, "--plot", png);
        Assert.True(exit == 0, error);
        var row = output.Split('\n').Single(l => l.TrimStart().StartsWith("x ", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        double shift = double.Parse(row[4], CultureInfo.InvariantCulture);
        Assert.InRange(shift, 1.0, 1.4);
        var lines = File.ReadAllLines(csv);
        Assert.Equal(513, lines.Length);
        var first = lines[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        // The first bunch starts 0.1 sigma out, the second centred, each within 4 standard errors of 4000 samples.
        double sigma = Math.Sqrt(1.1e-7 * 0.1), error4 = 4 * sigma / Math.Sqrt(4000);
        Assert.InRange(first[1], 0.1 * sigma - error4, 0.1 * sigma + error4);
        Assert.InRange(first[5], -error4, error4);
        Assert.True(new FileInfo(png).Length > 1000);
    }

    [Theory]
    [InlineData("--field", "grid")]
    [InlineData("--tunes", "0.1")]
    [InlineData("--xi", "-0.01")]
    public void BadSettingsAreRefused(string option, string value)
    {
        var (exit, _, error) = CliRunner.Run("beambeam", "strongstrong", option, value, "--turns", "32", "--particles", "200");
        Assert.Equal(2, exit);
        Assert.Contains("strongstrong", error);
    }
}
