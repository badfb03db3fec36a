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

    // Quasi-strong-strong and the tails without collisions (1e-6 mA, the linear model, damping 100 times faster):
    // the refreshed strong bunch keeps the envelope's size within 4 standard errors of 256 particles (9 %), the
    // tails beyond 1 and 2 rms are the Gaussian's within 4 binomial errors of 256 x 10 independent samples, and the
    // lifetime columns are written; the far tails split to 20 nominal rms (levels from one turn's action in the
    // mode alone, as without collisions) are the Gaussian's beyond 3 and 5 rms within a factor of 2 (256 particles, 800 excursions).
    [Fact]
    public void QuasiStrongStrongAndTailsAreReported()
    {
        string csv = Path.Combine(Directory.CreateTempSubdirectory("vepp2k-bb").FullName, "tails.csv");
        var (exit, output, error) = CliRunner.Run("beambeam", "weakstrong", "--current", "1e-6", "--turns", "660", "--particles", "256",
            "--slices", "1", "--threads", "1", "--model", "linear", "--damping-acceleration", "100", "--iterations", "1",
            "--tail-turns", "3300", "--tail-interval", "10", "--tail-excursions", "800", "--tail-history", "1", "--tail-level-weight", "0", "--tune-turns", "128", "--csv", csv);
        Assert.True(exit == 0, error);
        Assert.Contains("refresh 1", output);
        Assert.Contains("tails over 3300 turns", output);
        var values = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(','))
            .ToDictionary(p => p[0], p => double.Parse(p[1], CultureInfo.InvariantCulture));
        Assert.Equal(values["sigma_x_envelope_m"], values["strong_sigma_x_m"], 4 * Math.Sqrt(2.0 / 256) / 2 * values["sigma_x_envelope_m"]);
        foreach (var (a, gaussian) in new[] { (1, Math.Exp(-0.5)), (2, Math.Exp(-2.0)) })
            Assert.Equal(gaussian, values[$"beyond_{a}_rms_mode1"], 4 * Math.Sqrt(gaussian * (1 - gaussian) / 2560));
        Assert.True(values["lifetime_gaussian_s_mode1"] > 0 && values["aperture_rms_mode1"] > 3);
        Assert.Contains("far tails split (800 excursions per level", output);
        foreach (var (a, gaussian) in new[] { (3, Math.Exp(-4.5)), (5, Math.Exp(-12.5)) })
            for (int m = 1; m <= 2; m++)
                Assert.InRange(values[$"split_beyond_{a}_rms_mode{m}"] / gaussian, 0.5, 2);
        Assert.True(values["split_error_5_rms_mode1"] > 0 && values["split_aperture_rms_mode1"] > 3);
        // The tracked beam's mode emittances are the envelope's within 4 standard errors of 256 particles (35 %).
        for (int m = 1; m <= 2; m++)
            Assert.Equal(values[$"emittance_{m}_envelope_m"], values[$"emittance_{m}_m"], 4 * Math.Sqrt(2.0 / 256) * values[$"emittance_{m}_envelope_m"]);
    }

    [Theory]
    [InlineData("--tail-interval", "0")]
    [InlineData("--iterations", "-1")]
    [InlineData("--aperture-y", "0")]
    [InlineData("--tail-excursions", "3")]
    [InlineData("--tail-history", "0")]
    [InlineData("--tail-split-from", "20")]
    [InlineData("--tail-split-from", "1")]
    [InlineData("--tail-level-weight", "1")]
    [InlineData("--tail-level-weight", "-0.1")]
    public void BadTailAndIterationSettingsAreRefused(string option, string value)
    {
        var (exit, _, error) = CliRunner.Run("beambeam", "weakstrong", option, value, "--turns", "1", "--particles", "2");
        Assert.Equal(2, exit);
        Assert.Contains("weakstrong", error);
    }

    [Fact]
    public void UnknownIpIsRefused()
    {
        var (exit, _, error) = CliRunner.Run("beambeam", "weakstrong", "--ips", "KEDR", "--turns", "1", "--particles", "2");
        Assert.Equal(2, exit);
        Assert.Contains("KEDR", error);
    }
}
