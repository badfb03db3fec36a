using System.Globalization;

namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class BeamBeamCommandTests
{
    // A short weak-strong run of the design ring at 2 mA: it prints both IPs, and its CSV holds a tune
    // shift that equals the first-order one summed over the IPs to 1 % (at xi ~ 5e-4 per IP).
    [Fact]
    public void WeakStrongRunPrintsTheIpsAndWritesTheTuneShift()
    {
        string csv = Path.Combine(Directory.CreateTempSubdirectory("vepp2k-bb").FullName, "ws.csv");
        var (exit, output, error) = CliRunner.Run("beambeam", "weakstrong", "--current", "2", "--turns", "4", "--particles", "8",
            "--slices", "3", "--threads", "1", "--csv", csv);
        Assert.True(exit == 0, error);
        Assert.Contains("SND", output);
        Assert.Contains("CMD", output);
        var values = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.Equal(values["tune_shift_first_order_1"], values["tune_shift_1"], 0.01 * values["tune_shift_first_order_1"]);
        Assert.InRange(values["SND_xi_x"], 4e-4, 7e-4);
        Assert.True(values["luminosity_hourglass_cm2s"] < values["luminosity_geometric_cm2s"]);
    }

    [Fact]
    public void UnknownIpIsRefused()
    {
        var (exit, _, error) = CliRunner.Run("beambeam", "weakstrong", "--ips", "KEDR", "--turns", "1", "--particles", "2");
        Assert.Equal(2, exit);
        Assert.Contains("KEDR", error);
    }
}
