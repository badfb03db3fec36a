using System.Diagnostics;
using System.Text.Json;

namespace Vepp2k.Epics.Tests;

/// <summary>
/// Runs tests/…/py/interop.py under Debian's /usr/bin/python3 (the python3 on PATH may not see
/// Debian's python3-pyepics), with libca pointed at our server on loopback.
/// </summary>
internal sealed class PyEpics : IDisposable
{
    public const string Python = "/usr/bin/python3";
    private readonly Process _process;
    private readonly List<string> _stderr = [];

    public static readonly bool Available = Probe();

    private static bool Probe()
    {
        try
        {
            using var p = Process.Start(new ProcessStartInfo(Python, "-c \"import epics\"") { RedirectStandardError = true, RedirectStandardOutput = true });
            return p!.WaitForExit(30_000) && p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    public PyEpics(int serverPort, params string[] args)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "py", "interop.py"));
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["EPICS_CA_ADDR_LIST"] = "127.0.0.1";
        info.Environment["EPICS_CA_AUTO_ADDR_LIST"] = "NO";
        info.Environment["EPICS_CA_SERVER_PORT"] = serverPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["EPICS_CA_REPEATER_PORT"] = ServerTests.FreeUdpPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(info)!;
        _process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) lock (_stderr) _stderr.Add(line); };
        _process.BeginErrorReadLine();
    }

    /// <summary>The script's next JSON line.</summary>
    public async Task<JsonElement> NextAsync(int timeoutMs = 30_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        string? line;
        try
        {
            line = await _process.StandardOutput.ReadLineAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"pyepics said nothing for {timeoutMs} ms; stderr: {Errors}");
        }
        if (line is null) throw new InvalidOperationException($"pyepics ended; stderr: {Errors}");
        return JsonDocument.Parse(line).RootElement;
    }

    public Task SayAsync(string line) => _process.StandardInput.WriteLineAsync(line).ContinueWith(_ => _process.StandardInput.FlushAsync()).Unwrap();

    /// <summary>stderr without libca's harmless complaint that no caRepeater binary exists.</summary>
    public string Errors
    {
        get { lock (_stderr) return string.Join("\n", _stderr.Where(l => !l.Contains("CA Repeater", StringComparison.Ordinal))); }
    }

    public async Task<int> ExitAsync(int timeoutMs = 30_000)
    {
        using var cts = new CancellationTokenSource(timeoutMs);
        await _process.WaitForExitAsync(cts.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }
}

/// <summary>A fact that needs pyepics; skipped (saying why) only where Debian's python3-pyepics is not installed.</summary>
public sealed class PyEpicsFactAttribute : FactAttribute
{
    public PyEpicsFactAttribute()
    {
        if (!PyEpics.Available) Skip = "/usr/bin/python3 cannot import epics: apt-get install python3-pyepics (.ci/run does)";
    }
}
