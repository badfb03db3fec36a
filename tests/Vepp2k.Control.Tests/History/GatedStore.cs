using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.Tests.History;

/// <summary>
/// Test double for the store (not for the archiver under test): a real SQLite store whose sample
/// writes can be held at a gate, to fill the archiver's queue, or made to fail like a full disk;
/// event writes can be made to fail too (for the event journal's retry).
/// </summary>
internal sealed class GatedStore(string folder) : IControlStore
{
    private readonly SqliteControlStore _inner = new(folder);
    private readonly ManualResetEventSlim _open = new(true);
    private readonly SemaphoreSlim _entered = new(0);

    public volatile bool Fail;

    public volatile bool FailEvents;

    public int Batches;

    public void Close() => _open.Reset();

    public void Open() => _open.Set();

    /// <summary>Waits until a sample write has reached the store (and, when closed, is held there).</summary>
    public bool WaitEntered(TimeSpan timeout) => _entered.Wait(timeout);

    public void AppendSamples(IReadOnlyList<ArchiveSample> batch)
    {
        _entered.Release();
        if (!_open.Wait(TimeSpan.FromSeconds(30))) throw new TimeoutException("test gate never opened");
        Interlocked.Increment(ref Batches);
        if (Fail) throw new StorageException("Could not append samples: the disk is full (simulated).");
        _inner.AppendSamples(batch);
    }

    public EventRecord AppendEvent(EventRecord record) =>
        FailEvents ? throw new StorageException("Could not append the event: the database is locked (simulated).") : _inner.AppendEvent(record);
    public IReadOnlyList<EventRecord> QueryEvents(EventQuery query) => _inner.QueryEvents(query);
    public IReadOnlyList<ArchiveSample> QuerySamples(string channel, DateTimeOffset from, DateTimeOffset to, int limit = 100_000) =>
        _inner.QuerySamples(channel, from, to, limit);
    public IReadOnlyList<DecimatedBin> QueryDecimated(string channel, DateTimeOffset from, DateTimeOffset to, int bins) =>
        _inner.QueryDecimated(channel, from, to, bins);
    public DateTimeOffset? LastRecordTime() => _inner.LastRecordTime();
    public long ApplyRetention(RetentionPolicy policy, DateTimeOffset now) => _inner.ApplyRetention(policy, now);
    public WorkingSet SaveWorkingSet(WorkingSet set) => _inner.SaveWorkingSet(set);
    public IReadOnlyList<WorkingSetInfo> ListWorkingSets() => _inner.ListWorkingSets();
    public WorkingSet? LoadWorkingSet(string name, int? version = null) => _inner.LoadWorkingSet(name, version);
    public void SaveUser(UserRecord user) => _inner.SaveUser(user);
    public UserRecord? FindUser(string name) => _inner.FindUser(name);
    public IReadOnlyList<UserRecord> ListUsers() => _inner.ListUsers();
    public void SaveGroup(GroupRecord group) => _inner.SaveGroup(group);
    public bool DeleteGroup(string name) => _inner.DeleteGroup(name);
    public IReadOnlyList<GroupRecord> ListGroups() => _inner.ListGroups();

    public void Dispose()
    {
        _open.Set();
        _inner.Dispose();
        _open.Dispose();
        _entered.Dispose();
    }
}
