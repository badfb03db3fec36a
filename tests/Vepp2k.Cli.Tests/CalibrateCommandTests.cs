using System.Text.Json;

namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class CalibrateCommandTests
{
    [Theory]
    [InlineData("rd", "ResonantDepolarization", "1e-4")]
    [InlineData("phi", "PhiMesonMass", "-2e-4")]
    public void RecoversTheSimulatedOffsetAsATableEntry(string procedure, string method, string offset)
    {
        var (exit, output, error) = CliRunner.Run("calibrate", procedure, "--offset", offset, "--seed", "4", "--json");
        Assert.True(exit == 0, error);
        var entry = JsonDocument.Parse(output).RootElement.GetProperty("entry");
        Assert.Equal(method, entry.GetProperty("method").GetString());
        // k = E_ref / E_nmr - 1 from the entry's own energies, against the offset the simulation was given.
        double k = entry.GetProperty("referenceEnergyEv").GetDouble() / entry.GetProperty("nmrEnergyEv").GetDouble() - 1;
        double sigma = entry.GetProperty("referenceUncertaintyEv").GetDouble() / entry.GetProperty("nmrEnergyEv").GetDouble();
        Assert.Equal(double.Parse(offset), k, 3 * sigma);
    }

    [Fact]
    public void WritesTheScanAndThePlot()
    {
        string dir = Directory.CreateTempSubdirectory("vepp2k-calibrate").FullName;
        string csv = Path.Combine(dir, "rd.csv"), png = Path.Combine(dir, "rd.png");
        var (exit, output, error) = CliRunner.Run("calibrate", "rd", "--energy-mev", "750", "--csv", csv, "--plot", png);
        Assert.True(exit == 0, error);
        Assert.Contains("E = 750.07", output);
        var lines = File.ReadAllLines(csv);
        Assert.StartsWith("frequency_start_hz,", lines[0]);
        // 2 x 2e-4 of the line's 20.9 MHz per unit relative energy (f0 nu), swept at 10 Hz per 1 s gate: ~837 gates.
        Assert.InRange(lines.Length - 1, 830, 845);
        Assert.True(new FileInfo(png).Length > 10_000);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void ResonanceOutsideTheWindowIsARefusalWithItsReason()
    {
        var (exit, _, error) = CliRunner.Run("calibrate", "rd", "--offset", "5e-4");
        Assert.Equal(2, exit);
        Assert.Contains("no depolarisation jump", error);
    }
}
