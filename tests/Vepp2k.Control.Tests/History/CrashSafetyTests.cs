using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using Microsoft.Data.Sqlite;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Postgres;
using Vepp2k.Control.History.Sqlite;

namespace Vepp2k.Control.Tests.History;

/// <summary>
/// kill -9 in the middle of writing: the writer process prints each write the store acknowledged;
/// after the kill every acknowledged write must be there, whole, and nothing may be half-written
/// (no partial sample batch, no working-set version with missing or mixed items).
/// </summary>
public sealed class CrashSafetyTests : IDisposable
{
    private const int Batch = 2000, Items = 120; // as in Vepp2k.Control.CrashWriter
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private sealed record Acknowledged(List<(long Id, long Seq)> Events, List<long> Batches, List<(int Version, long Seq)> Sets);

    private static string WriterPath => typeof(CrashSafetyTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "CrashWriter").Value!;

    /// <summary>Runs the writer until it acknowledged <paramref name="sets"/> working sets, waits a random moment, kills it.</summary>
    private static Acknowledged WriteAndKill(int sets, int seed, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(WriterPath);
        foreach (var a in args) start.ArgumentList.Add(a);
        var lines = new ConcurrentQueue<string>();
        using var enough = new ManualResetEventSlim();
        int setLines = 0;
        using var process = new Process { StartInfo = start };
        var errors = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lines.Enqueue(e.Data);
            if (e.Data.StartsWith('W') && Interlocked.Increment(ref setLines) >= sets) enough.Set();
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) errors.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        bool reached = enough.Wait(TimeSpan.FromSeconds(120));
        Thread.Sleep(new Random(seed).Next(0, 40)); // land anywhere in the loop, often inside a transaction
        bool exitedEarly = process.HasExited;
        process.Kill(entireProcessTree: true);
        process.WaitForExit(); // also drains what was printed before the kill
        Assert.True(reached && !exitedEarly, "writer did not run: " + string.Join('\n', errors));

        var ack = new Acknowledged([], [], []);
        foreach (var line in lines)
        {
            var f = line.Split(' ');
            switch (f[0])
            {
                case "E": ack.Events.Add((long.Parse(f[1]), long.Parse(f[2]))); break;
                case "S": ack.Batches.Add(long.Parse(f[1])); break;
                case "W": ack.Sets.Add((int.Parse(f[1]), long.Parse(f[2]))); break;
                default: Assert.Fail("unexpected writer output: " + line); break;
            }
        }
        return ack;
    }

    private static void AssertAllAcknowledgedAndNothingPartial(IControlStore store, Acknowledged ack)
    {
        var events = store.QueryEvents(new EventQuery(Limit: int.MaxValue)).ToDictionary(e => e.Id);
        foreach (var (id, seq) in ack.Events)
            Assert.True(events.TryGetValue(id, out var e) && e.Message == $"event {seq}", $"acknowledged event {id} (seq {seq}) is missing");

        var t0 = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var batches = store.QuerySamples("crash", t0, t0.AddDays(1), int.MaxValue).GroupBy(s => (long)s.Value / Batch).ToDictionary(g => g.Key, g => g.Count());
        foreach (var seq in ack.Batches) Assert.True(batches.ContainsKey(seq), $"acknowledged sample batch {seq} is missing");
        Assert.All(batches, b => Assert.Equal(Batch, b.Value)); // every batch present is whole, acknowledged or not

        var versions = store.ListWorkingSets().Where(w => w.Name == "crash").Select(w => w.Version).ToHashSet();
        foreach (var (version, seq) in ack.Sets)
        {
            Assert.Contains(version, versions);
            Assert.Equal(seq.ToString(), store.LoadWorkingSet("crash", version)!.Comment);
        }
        foreach (int version in versions)
        {
            var set = store.LoadWorkingSet("crash", version)!;
            Assert.Equal(Items, set.Items.Count);
            Assert.All(set.Items, i => Assert.Equal(double.Parse(set.Comment), i.Value));
        }
        Assert.Equal(Enumerable.Range(1, versions.Count), versions.Order()); // versions without gaps
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Sqlite_keeps_every_acknowledged_write_through_kill_9(int seed)
    {
        var ack = WriteAndKill(sets: 15, seed, "sqlite", _folder.Path);
        Assert.NotEmpty(ack.Sets);
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, SqliteControlStore.FileName)};Pooling=False"))
        {
            connection.Open();
            using var cmd = connection.CreateCommand();
            cmd.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", cmd.ExecuteScalar());
        }
        using var store = new SqliteControlStore(_folder.Path);
        AssertAllAcknowledgedAndNothingPartial(store, ack);
    }

    [PostgresFact]
    public void Postgres_keeps_every_acknowledged_write_when_the_client_is_killed()
    {
        string connectionString = PostgresTestDatabase.NewSchema();
        var ack = WriteAndKill(sets: 15, seed: 4, "postgres", connectionString);
        using var store = new PostgresControlStore(connectionString);
        AssertAllAcknowledgedAndNothingPartial(store, ack);
    }
}
