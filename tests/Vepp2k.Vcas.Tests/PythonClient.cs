using System.Diagnostics;

namespace Vepp2k.Vcas.Tests;

/// <summary>Runs a scenario of the independent Python client (py/vcas_client.py) against a port, with a time limit.</summary>
internal static class PythonClient
{
    public static async Task<string> RunAsync(int port, string scenario, TimeSpan limit, params string[] args)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "py", "vcas_client.py");
        var start = new ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in (string[])[script, port.ToString(), scenario, .. args]) start.ArgumentList.Add(a);
        using var p = Process.Start(start) ?? throw new InvalidOperationException("python3 did not start");
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try { await p.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException)
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail($"python scenario '{scenario}' ran past {limit.TotalSeconds} s; stderr: {await stderr}");
        }
        string output = await stdout, errors = await stderr;
        Assert.True(p.ExitCode == 0, $"python scenario '{scenario}' failed ({p.ExitCode}): {errors}\n{output}");
        return output.Trim();
    }
}
