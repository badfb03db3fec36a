using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Vepp2k.Machine.Tests;

/// <summary>
/// The examples of docs/scripting.md are .NET 10 file-based scripts (docs/scripts/*.cs); each is run
/// here with `dotnet run`, as a physicist would, so they cannot rot, and what they print is checked
/// against the physics it claims.
/// </summary>
public sealed partial class ScriptingExamplesTests
{
    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Vepp2k.slnx"))) return dir.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }

    private static string RunScript(string name)
    {
        var root = Repository();
        var start = new ProcessStartInfo("dotnet", ["run", Path.Combine("docs", "scripts", name)])
        {
            WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(5)), $"{name} did not finish in 5 minutes");
        Assert.True(process.ExitCode == 0, $"{name} exited {process.ExitCode}:\n{output.Result}\n{error.Result}");
        return output.Result;
    }

    private static double[] Numbers(string output, string label)
    {
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal))
                   ?? throw new Xunit.Sdk.XunitException($"no line starting '{label}' in:\n{output}");
        return [.. Number().Matches(line[label.Length..]).Select(m => double.Parse(m.Value, CultureInfo.InvariantCulture))];
    }

    [GeneratedRegex(@"-?\d+\.\d+(E[-+]?\d+)?")]
    private static partial Regex Number();

    [Fact]
    public void Round_beam_example_shows_the_round_beam_design()
    {
        var output = RunScript("round-beam.cs");
        foreach (var ip in new[] { "SND:", "CMD:" })
            Assert.All(Numbers(output, ip), beta => Assert.Equal(0.10, beta, 2e-3));   // Table 1: beta* = 10 cm
        var tunes = Numbers(output, "tunes:");
        Assert.All(tunes, q => Assert.Equal(0.1, q - Math.Floor(q), 1e-5));               // equal fractional tunes
        var emittances = Numbers(output, "emittances:");
        Assert.Equal(emittances[0], emittances[1], 1e-3 * emittances[0]);                 // equal emittances
    }

    [Fact]
    public void Knob_example_moves_the_tunes_the_way_a_focusing_quadrupole_does()
    {
        var output = RunScript("tune-knob.cs");
        var before = Numbers(output, "tunes before:");
        var after = Numbers(output, "tunes after:");
        Assert.True(after[0] > before[0] && after[1] < before[1], output);   // stronger F: Qx up, Qy down
    }

    [Fact]
    public void Transfer_line_example_arrives_at_the_rings_own_functions()
    {
        var output = RunScript("transfer-line.cs");
        var line = Numbers(output, "line end:");
        var ring = Numbers(output, "ring at CMD:");
        for (int i = 0; i < ring.Length; i++) Assert.Equal(ring[i], line[i], 1e-6);
    }

    [Fact]
    public void Tracking_example_finds_the_optics_tunes()
    {
        var output = RunScript("track-tunes.cs");
        var optics = Numbers(output, "optics tunes:");
        var tracked = Numbers(output, "tracked tunes:");
        for (int i = 0; i < 2; i++) Assert.Equal(optics[i], tracked[i], 1e-6);
        Assert.Contains("DA at 45 deg:", output);
    }
}
