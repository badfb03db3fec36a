using BenchmarkDotNet.Attributes;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Bench;

/// <summary>
/// History issue targets on the default SQLite store (WAL, synchronous=FULL, so every commit is
/// fsynced): ingest >= 50 000 samples/s in archiver-sized batches, and a ~120-item working set
/// saved in under 50 ms. Samples/s = BatchSize / mean time per operation.
/// </summary>
[MemoryDiagnoser]
public class ArchiveBenchmarks
{
    private string _folder = null!;
    private SqliteControlStore _store = null!;
    private ArchiveSample[] _batch = null!;
    private WorkingSet _set = null!;
    private long _next;

    [Params(1000, 5000)]
    public int BatchSize { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _folder = Path.Combine(Path.GetTempPath(), "vepp2k-bench-" + Guid.NewGuid().ToString("N"));
        _store = new SqliteControlStore(_folder);
        _batch = new ArchiveSample[BatchSize];
        // 120 magnet channels, the machine's writable settings, as a restore would save them.
        _set = new WorkingSet("bench", 0, DateTimeOffset.UtcNow, "bench", "benchmark", ["bench"],
            [.. Enumerable.Range(0, 120).Select(i => new WorkingSetItem($"VEPP/QUAD/{i}/SCur", 100 + i * 0.25, "quads"))]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>One archiver transaction: BatchSize samples spread over 200 channels, times moving forward.</summary>
    [Benchmark]
    public void IngestBatch()
    {
        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int k = 0; k < _batch.Length; k++, _next++)
            _batch[k] = new ArchiveSample(Channels[(int)(_next % Channels.Length)], t0.AddTicks(10 * _next), _next * 1e-3, 0);
        _store.AppendSamples(_batch);
    }

    [Benchmark]
    public WorkingSet SaveWorkingSet120() => _store.SaveWorkingSet(_set);

    private static readonly string[] Channels = [.. Enumerable.Range(0, 200).Select(i => $"VEPP/CH/{i}/Cur")];
}
