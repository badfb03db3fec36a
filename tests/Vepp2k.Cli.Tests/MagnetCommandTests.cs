using System.Text.Json;

namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class MagnetCommandTests
{
    [Fact]
    public void DipoleAtOneGevCarriesTheRigidityOverRho()
    {
        var (exit, output, error) = CliRunner.Run("magnet", "1M1", "--energy", "1.0", "--strength", (Math.PI / 4).ToString("R"), "--json");
        Assert.True(exit == 0, error);
        var j = JsonDocument.Parse(output).RootElement;
        foreach (var key in new[] { "name", "current", "field", "fieldUnit", "strength", "strengthUnit", "energy" })
            Assert.True(j.TryGetProperty(key, out _), key);
        // B = B rho / rho with B rho = sqrt(E^2 - m^2)/c: 3.33564 T m / 1.40 m (independent arithmetic).
        double brho = Math.Sqrt(1e18 - 0.51099895e6 * 0.51099895e6) / 299792458;
        Assert.Equal(brho / 1.40, j.GetProperty("field").GetDouble(), 9);
        Assert.Equal("T", j.GetProperty("fieldUnit").GetString());
        Assert.InRange(j.GetProperty("current").GetDouble(), 0, 10_000);
    }

    [Fact]
    public void CurrentAndStrengthRoundTripThroughTheCommand()
    {
        var (_, first, _) = CliRunner.Run("magnet", "2D3", "--energy", "0.51", "--current", "123.4", "--json");
        double k1 = JsonDocument.Parse(first).RootElement.GetProperty("strength").GetDouble();
        Assert.True(k1 < 0);   // a D quad defocuses
        var (_, second, _) = CliRunner.Run("magnet", "2D3", "--energy", "0.51", "--strength", k1.ToString("R"), "--json");
        Assert.Equal(123.4, JsonDocument.Parse(second).RootElement.GetProperty("current").GetDouble(), 8);
    }

    [Theory]
    [InlineData("outside the range", "magnet", "1F1", "--energy", "1.0", "--strength", "40")]
    [InlineData("no magnet", "magnet", "9Q9", "--energy", "1.0", "--current", "1")]
    [InlineData("exactly one", "magnet", "1F1", "--energy", "1.0")]
    public void RefusalsExitNonZeroWithTheReasonOnStderr(string reason, params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.NotEqual(0, exit);
        Assert.Contains(reason, error);
        Assert.DoesNotContain("current", output);
    }
}
