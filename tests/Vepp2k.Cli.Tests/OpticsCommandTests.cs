using System.Globalization;
using System.Text.Json;

namespace Vepp2k.Cli.Tests;

[Collection("console")]
public class OpticsCommandTests
{
    // A small isomagnetic ring in MAD-X: 8 sector bends rho = 1.4 m, FODO-like quads, a cavity.
    private const string RingMadx = """
        beam, particle=positron, energy=0.8;
        rho = 1.4; ang = pi/4;
        b: sbend, l=rho*ang, angle=ang;
        qf: quadrupole, l=0.15, k1:=kf; qd: quadrupole, l=0.15, k1:=kd;
        kf = 4.5; kd = -4.0;
        d1: drift, l=1.1; d2: drift, l=0.25; d3: drift, l=0.3;
        cell: line=(d1, qf, d2, b, d2, qd, d3);
        rf: rfcavity, volt=0.1, lag=0.5, harmon=14;
        ring: line=(8*cell, rf);
        other: line=(8*cell);
        use, period=ring;
        twiss;
        """;

    private static string TempFile(string name, string text)
    {
        var dir = Directory.CreateTempSubdirectory("vepp2k-cli");
        var path = Path.Combine(dir.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static JsonElement Json(params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.True(exit == 0, error);
        return JsonDocument.Parse(output).RootElement;
    }

    [Fact]
    public void JsonHasEveryContractKeyInSiUnits()
    {
        var j = Json("optics", "--json");
        Assert.Equal(24.388, j.GetProperty("circumference").GetDouble(), 9);
        Assert.Equal(2, j.GetProperty("tunes").GetArrayLength());
        Assert.Equal(2, j.GetProperty("chromaticity").GetArrayLength());
        Assert.InRange(j.GetProperty("momentumCompaction").GetDouble(), 0.03, 0.04);
        Assert.InRange(j.GetProperty("energyLossPerTurnEv").GetDouble(), 6.3e4, 6.35e4);   // eV, not keV
        foreach (var key in new[] { "dampingDecrements", "dampingPartition", "emittances" })
            Assert.Equal(3, j.GetProperty(key).GetArrayLength());
        Assert.InRange(j.GetProperty("emittances")[0].GetDouble(), 1e-8, 1e-6);             // m rad
        Assert.InRange(j.GetProperty("bunchLength").GetDouble(), 0.01, 0.1);                // m
        Assert.InRange(j.GetProperty("energySpread").GetDouble(), 5e-4, 9e-4);
        Assert.InRange(j.GetProperty("synchrotronTune").GetDouble(), 1e-3, 5e-3);
        foreach (var i in new[] { "I1", "I2", "I3", "I4", "I5" }) Assert.True(j.GetProperty("radiationIntegrals").TryGetProperty(i, out _));
        var table = j.GetProperty("table1");
        Assert.True(table.GetArrayLength() >= 15);
        foreach (var row in table.EnumerateArray())
            foreach (var key in new[] { "name", "ours", "published", "unit" }) Assert.True(row.TryGetProperty(key, out _), key);
        Assert.Equal(2, j.GetProperty("roundBeam").GetProperty("points").GetArrayLength());
    }

    [Fact]
    public void EnergyLossIsConsistentWithTheReportedI2()
    {
        var j = Json("optics", "--json");
        double i2 = j.GetProperty("radiationIntegrals").GetProperty("I2").GetDouble();
        const double cGamma = 8.8463e-5; // m / GeV^3 (Sands)
        double u0 = cGamma * 1.0 / (2 * Math.PI) * i2 * 1e9;
        Assert.InRange(j.GetProperty("energyLossPerTurnEv").GetDouble() / u0, 0.999, 1.001);
    }

    [Fact]
    public void TfsTableHasTheMadxColumnsAndHeadersThatMatchTheJson()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vepp2k-tfs").FullName, "twiss.tfs");
        var j = Json("optics", "--json", "--tfs", path);
        var lines = File.ReadAllLines(path);
        double Header(string name) => double.Parse(lines.First(l => l.StartsWith("@ " + name + " ")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[3], CultureInfo.InvariantCulture);
        Assert.Equal(j.GetProperty("tunes")[0].GetDouble(), Header("Q1"), 12);
        Assert.Equal(j.GetProperty("tunes")[1].GetDouble(), Header("Q2"), 12);
        Assert.Equal(j.GetProperty("chromaticity")[0].GetDouble(), Header("DQ1"), 12);
        Assert.Equal(j.GetProperty("momentumCompaction").GetDouble(), Header("ALFA"), 12);
        var columns = lines.First(l => l.StartsWith('*')).Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        foreach (var c in new[] { "NAME", "KEYWORD", "S", "L", "BETX", "ALFX", "MUX", "BETY", "ALFY", "MUY", "DX", "DPX", "DY", "DPY", "BETA11", "BETA12", "BETA21", "BETA22" })
            Assert.Contains(c, columns);
        var types = lines.First(l => l.StartsWith('$')).Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(columns.Count, types.Count);
        var snd = lines.First(l => l.TrimStart().StartsWith("\"SND\"")).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(0.10, double.Parse(snd[columns.IndexOf("BETA11")], CultureInfo.InvariantCulture)
            + double.Parse(snd[columns.IndexOf("BETA21")], CultureInfo.InvariantCulture), 4);
        var last = lines[^1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(24.388, double.Parse(last[columns.IndexOf("S")], CultureInfo.InvariantCulture), 9);
    }

    [Theory]
    [InlineData("plot.png")]
    [InlineData("plot.svg")]
    public void PlotIsWritten(string name)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("vepp2k-plot").FullName, name);
        var (exit, _, error) = CliRunner.Run("optics", "--json", "--plot", path);
        Assert.True(exit == 0, error);
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 10_000);
        if (name.EndsWith(".png")) Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        else Assert.Contains("<svg", System.Text.Encoding.UTF8.GetString(bytes));
    }

    [Fact]
    public void TheRingAsComputedExportsToMadxAndReadsBackTheSame()
    {
        // The design's field-profile solenoids written piece by piece: read back as a plain MAD-X file,
        // the ring has the design optics (beta* = 10 cm, 3.1 / 3.1), not the hard-edge reading's.
        var path = Path.Combine(Directory.CreateTempSubdirectory("vepp2k-madx").FullName, "design-profile.madx");
        var design = Json("optics", "--json", "--madx", path);
        Assert.Contains("1S1.001: solenoid", File.ReadAllText(path));
        var back = Json("optics", "--lattice", path, "--json");
        for (int i = 0; i < 2; i++)
            Assert.Equal(design.GetProperty("tunes")[i].GetDouble(), back.GetProperty("tunes")[i].GetDouble(), 1e-9);
        Assert.Equal(3.1, back.GetProperty("tunes")[0].GetDouble(), 1e-4);
        var hard = Json("optics", "--hard-edge", "--json");
        Assert.True(Math.Abs(hard.GetProperty("tunes")[0].GetDouble() - 3.1) > 0.1);
        var (exit, _, error) = CliRunner.Run("optics", "--lattice", path, "--madx", path + ".again");
        Assert.Equal(2, exit);
        Assert.Contains("--madx", error);
    }

    [Fact]
    public void UserMadxFileUsesItsBeamAndUseAndAcceptsOverrides()
    {
        var file = TempFile("ring.madx", RingMadx);
        var atFile = Json("optics", "--lattice", file, "--json");
        Assert.False(atFile.TryGetProperty("table1", out _));
        // U0 scales as E^4: 0.8 GeV from BEAM, then 1.0 GeV from --energy.
        var at1 = Json("optics", "--lattice", file, "--energy", "1.0", "--json");
        double ratio = at1.GetProperty("energyLossPerTurnEv").GetDouble() / atFile.GetProperty("energyLossPerTurnEv").GetDouble();
        Assert.Equal(Math.Pow(1.0 / 0.8, 4), ratio, 3);
        Assert.Equal(atFile.GetProperty("tunes")[0].GetDouble(), at1.GetProperty("tunes")[0].GetDouble(), 9);
        // --line picks the line without the cavity: no equilibrium, a reason instead.
        var noRf = Json("optics", "--lattice", file, "--line", "other", "--json");
        Assert.False(noRf.TryGetProperty("emittances", out _));
        Assert.Contains("cavity", noRf.GetProperty("envelopeProblem").GetString());
        Assert.Contains(atFile.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("twiss"));
    }

    [Theory]
    [InlineData("unknown mode", "optics", "--mode", "nonsense")]
    [InlineData("no-such-file", "optics", "--lattice", "/nonexistent/ring.madx")]
    [InlineData("a line can only be chosen in a MAD-X file", "optics", "--line", "ring")]
    public void BadRequestsExitNonZeroWithTheReason(string reason, params string[] args)
    {
        var (exit, output, error) = CliRunner.Run(args);
        Assert.NotEqual(0, exit);
        Assert.True(error.Contains(reason, StringComparison.OrdinalIgnoreCase) || error.Contains("nonexistent"), error + output);
    }

    [Fact]
    public void MadxSyntaxErrorsNameTheFileAndLine()
    {
        var file = TempFile("bad.madx", "beam, particle=electron, energy=1;\nq: quadrupole, l=0.1, k1=;\n");
        var (exit, _, error) = CliRunner.Run("optics", "--lattice", file);
        Assert.Equal(2, exit);
        Assert.Contains("bad.madx:2", error);
    }
}
