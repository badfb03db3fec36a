using System.Diagnostics;
using System.Globalization;

namespace Vepp2k.Cli;

/// <summary>
/// Runs a scan as n shards in n child processes of this same command (`vepp2k beambeam scan ... --shard k/n`),
/// the way a cluster's job array would, then merges their files. The child is this process's own executable
/// when that is the vepp2k app host (a published or self-contained vepp2k, which may have no dotnet host
/// beside it), else the Vepp2k.Cli assembly run by the dotnet host: inside a test host, or under
/// `dotnet vepp2k.dll`, Environment.ProcessPath is not the command.
/// </summary>
public static class ScanJobs
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void Run(ScanSettings settings, int jobs, int threadsPerJob, string directory, string output)
    {
        var (host, prefix) = Command();
        var shards = Enumerable.Range(0, jobs).Select(k => Path.Combine(directory, $"shard-{k}-of-{jobs}.csv")).ToList();
        var children = shards.Select((file, k) =>
        {
            var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in (string[])[.. prefix, "beambeam", "scan", .. settings.Arguments(), "--shard", $"{k}/{jobs}",
                         "--threads", threadsPerJob.ToString(C), "--out", file])
                start.ArgumentList.Add(a);
            var process = Process.Start(start) ?? throw new IOException($"could not start {host}");
            // Both pipes are drained while the child runs, so a chatty child cannot block on a full pipe.
            return (Process: process, Out: process.StandardOutput.ReadToEndAsync(), Error: process.StandardError.ReadToEndAsync());
        }).ToList();
        var failures = new List<string>();
        for (int k = 0; k < jobs; k++)
        {
            var (process, _, error) = children[k];
            process.WaitForExit();
            if (process.ExitCode != 0)
                failures.Add($"shard {k}/{jobs} failed (exit code {process.ExitCode}): {error.Result.Trim()}");
            process.Dispose();
        }
        if (failures.Count > 0) throw new IOException(string.Join(Environment.NewLine, failures));
        ScanFile.Merge(shards, output);
    }

    // The executable and the arguments before the command's own. The dotnet host is the one the SDK names
    // for child processes, this process itself when it is the host ("dotnet vepp2k.dll"), else the first on PATH.
    private static (string Host, string[] Prefix) Command()
    {
        string assembly = typeof(ScanJobs).Assembly.Location;
        string? self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == Path.GetFileNameWithoutExtension(assembly)) return (self, []);
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path && File.Exists(path)) return (path, [assembly]);
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return (self, [assembly]);
        return ("dotnet", [assembly]);
    }
}
