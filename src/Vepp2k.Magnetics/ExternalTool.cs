using System.Diagnostics;

namespace Vepp2k.Magnetics;

/// <summary>
/// Gmsh and GetDP as command-line processes (Debian packages gmsh and getdp). A run has a timeout;
/// a non-zero exit, a timeout, or a missing program is a <see cref="MagnetostaticsException"/>
/// quoting the end of what the program printed.
/// </summary>
public sealed record ExternalTool(string Program)
{
    public static ExternalTool Gmsh { get; } = new("gmsh");
    public static ExternalTool GetDp { get; } = new("getdp");

    /// <summary>Full path on PATH, or null where the program is not installed.</summary>
    public string? Locate() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Select(d => Path.Combine(d, Program)).FirstOrDefault(File.Exists);

    /// <summary>Null when both solver programs are installed, otherwise why the magnetostatics cannot run.</summary>
    public static string? MissingReason()
    {
        var missing = new[] { Gmsh, GetDp }.Where(t => t.Locate() is null).Select(t => t.Program).ToArray();
        return missing.Length == 0 ? null
            : $"{string.Join(" and ", missing)} not found on PATH: apt-get install gmsh getdp (.ci/run does)";
    }

    /// <summary>Runs the program in <paramref name="directory"/> and returns stdout and stderr together.</summary>
    public string Run(string directory, TimeSpan timeout, CancellationToken cancel, params string[] arguments)
    {
        var path = Locate() ?? throw new MagnetostaticsException(MissingReason() ?? $"{Program} not found");
        var info = new ProcessStartInfo(path) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new MagnetostaticsException($"{Program} did not start");
        var output = new System.Text.StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var stop = cancel.Register(() => Kill(process));
        if (!process.WaitForExit(timeout))
        {
            Kill(process);
            string partial;
            lock (gate) partial = output.ToString();
            throw new MagnetostaticsException($"{Program} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds:G3} s and was stopped:\n{Tail(partial)}");
        }
        process.WaitForExit();   // drains the redirected streams
        cancel.ThrowIfCancellationRequested();
        string text;
        lock (gate) text = output.ToString();
        if (process.ExitCode != 0)
            throw new MagnetostaticsException($"{Program} {string.Join(' ', arguments)} failed (exit {process.ExitCode}):\n{Tail(text)}");
        return text;
    }

    /// <summary>The last lines a program printed, with its error lines first: what a person needs to see.</summary>
    public static string Tail(string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var errors = lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.Contains("Warning", StringComparison.Ordinal)).Take(10);
        return string.Join('\n', errors.Concat(lines.TakeLast(15)).Distinct());
    }

    private static void Kill(Process p)
    {
        try { if (!p.HasExited) p.Kill(entireProcessTree: true); }
        catch (InvalidOperationException) { /* it exited between the check and the kill */ }
    }
}
