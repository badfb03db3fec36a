using System.Globalization;
using System.Text.RegularExpressions;
using Vepp2k.Magnetics;

namespace Vepp2k.Cli.Tests;

/// <summary>A fact that runs Gmsh and GetDP; skipped, saying why, only where they are not installed.</summary>
public sealed class MagnetostaticsFactAttribute : FactAttribute
{
    public MagnetostaticsFactAttribute()
    {
        if (ExternalTool.MissingReason() is { } why) Skip = why;
    }
}

[Collection("console")]
public class MagneticsCommandTests
{
    [Fact]
    public void AnUnknownMagnetIsRefusedWithExitTwo()
    {
        var (exit, _, error) = CliRunner.Run("magnetics", "sextupole");
        Assert.Equal(2, exit);
        Assert.Contains("unknown magnet", error);
    }

    [MagnetostaticsFact]
    public void ShortQuadrupolePrintsItsGradientHarmonicsAndMap()
    {
        string cache = Path.Combine(Path.GetTempPath(), "vepp2k-cli-magnetics-" + Guid.NewGuid().ToString("N"));
        string png = Path.Combine(cache, "map.png");
        Directory.CreateDirectory(cache);
        var previous = Environment.GetEnvironmentVariable("VEPP2K_MAGNETICS_CACHE");
        Environment.SetEnvironmentVariable("VEPP2K_MAGNETICS_CACHE", cache);
        try
        {
            var (exit, output, error) = CliRunner.Run("magnetics", "quad6", "--current", "100", "--coarse", "--plot", png);
            Assert.True(exit == 0, error);
            // Unsaturated iron: within a few percent below the ideal-iron 2 mu0 N I / r^2 (6 turns, r = 20 mm).
            double ideal = 2 * 4e-7 * Math.PI * 6 * 100 / (0.020 * 0.020);
            var g = double.Parse(Regex.Match(output, @"main field\s+([0-9.]+) T/m").Groups[1].Value, CultureInfo.InvariantCulture);
            Assert.InRange(g / ideal, 0.95, 1.0);
            Assert.Matches(@"\n\s+6\s+-?[0-9.]+\s+-?[0-9.]+", output);   // the b6 row of the harmonics table
            Assert.Matches(@"good-field region \(.*\): r >?= [0-9.]+ mm", output);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(png)[..4]);
        }
        finally
        {
            Environment.SetEnvironmentVariable("VEPP2K_MAGNETICS_CACHE", previous);
            Directory.Delete(cache, recursive: true);
        }
    }
}
