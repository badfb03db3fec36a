using BenchmarkDotNet.Attributes;
using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Bench;

/// <summary>
/// An energy scan of 20 energies (energy issue: "a scan of 20 energies in simulated time"): the whole control
/// system of the simulated machine with its beams, the device loop stepped at 10 Hz on a hand-moved clock
/// until the scan completes. Each point is a whole-machine ramp of 5 MeV and a 10 s dwell. Returns the
/// simulated seconds the scan took; the benchmark's time is the wall time of all of it.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 0, iterationCount: 3, invocationCount: 1)]
public class EnergyScanBenchmarks
{
    private static readonly double[] Energies = [.. Enumerable.Range(1, 20).Select(k => 1000e6 - 5e6 * k)];
    private string folder = "";
    private HandClock clock = null!;
    private ControlSystem system = null!;

    [IterationSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "vepp2k-scan-bench-" + Guid.NewGuid().ToString("N"));
        clock = new HandClock();
        system = ControlSystem.Start(new ControlSystemOptions { DataFolder = folder, AdminPassword = "bench-password" }, clock);
    }

    [Benchmark]
    public double ScanOf20Energies()
    {
        var who = new WriteContext("bench", Role.Operator, "bench");
        var (scan, result) = system.Core.StartScan(who, Energies, TimeSpan.FromSeconds(10));
        if (scan is null) throw new InvalidOperationException(result.Message);
        var start = clock.GetUtcNow();
        while (!scan.Finished && clock.GetUtcNow() - start < TimeSpan.FromHours(1))
        {
            clock.Now += TimeSpan.FromMilliseconds(100);
            system.Step();
        }
        if (scan.State != Control.Energy.ScanState.Completed) throw new InvalidOperationException(scan.Where());
        double simulated = (clock.GetUtcNow() - start).TotalSeconds;
        Console.WriteLine($"// scan of 20 energies: {simulated:F1} s of simulated time");
        return simulated;
    }

    [IterationCleanup]
    public void Cleanup()
    {
        system.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(folder, true);
    }
}

/// <summary>
/// A clock moved by hand for the device loop; timers and delays stay on real time (a fake clock's timers never
/// fire unless advanced, and the archive's writer waits on one at shutdown).
/// </summary>
internal sealed class HandClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => Now;
}
