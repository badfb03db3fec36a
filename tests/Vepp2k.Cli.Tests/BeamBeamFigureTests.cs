namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class BeamBeamFigureTests
{
    // Two tiny scans plotted side by side as Fig. 5 (specific luminosity and xi_L against the current).
    [Fact]
    public void TwoScansArePlottedSideBySide()
    {
        string dir = Directory.CreateTempSubdirectory("vepp2k-fig5").FullName;
        string[] files = [Path.Combine(dir, "a.csv"), Path.Combine(dir, "b.csv")];
        foreach (var (file, current) in files.Zip(new[] { "5,20", "10,40" }))
        {
            var (exit, _, error) = CliRunner.Run("beambeam", "scan", "--currents", current, "--turns", "4", "--particles", "8", "--slices", "1",
                "--tune-turns", "64", "--model", "Linear", "--threads", "1", "--out", file);
            Assert.True(exit == 0, error);
        }
        string png = Path.Combine(dir, "fig5.png"), xi = Path.Combine(dir, "xi.svg"), relative = Path.Combine(dir, "relative.svg");
        var (code, _, err) = CliRunner.Run("beambeam", "plot", files[0], files[1], "--labels", "first,second", "--out", png, "--xi-out", xi,
            "--relative-out", relative);
        Assert.True(code == 0, err);
        Assert.True(new FileInfo(png).Length > 1000);
        Assert.Contains("second: xi_L", File.ReadAllText(xi));
        Assert.Contains("nominal xi per IP", File.ReadAllText(relative));

        // A scan file written before the mode emittances were added (their five columns cut) still plots.
        string old = Path.Combine(dir, "old.csv");
        File.WriteAllLines(old, File.ReadAllLines(files[0]).Select(l => l.StartsWith('#') ? l : string.Join(',', l.Split(',').SkipLast(5))));
        (code, _, err) = CliRunner.Run("beambeam", "plot", old, "--out", Path.Combine(dir, "old.png"));
        Assert.True(code == 0, err);
    }

    [Fact]
    public void LabelsMustMatchTheScans()
    {
        string file = Path.Combine(Directory.CreateTempSubdirectory("vepp2k-fig5").FullName, "x.csv");
        File.WriteAllText(file, "not a scan");
        var (exit, _, error) = CliRunner.Run("beambeam", "plot", file, "--labels", "a,b", "--out", file + ".png");
        Assert.Equal(2, exit);
        Assert.Contains("--labels", error);
        (exit, _, error) = CliRunner.Run("beambeam", "plot", file, "--out", file + ".png");
        Assert.Equal(2, exit);
        Assert.Contains("not a result file", error);
    }
}
