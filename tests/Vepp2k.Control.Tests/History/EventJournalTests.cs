using Vepp2k.Control.History;
using Vepp2k.Control.Operations;

namespace Vepp2k.Control.Tests.History;

/// <summary>The event journal never drops an event the store refuses: it reports the failure and retries in order.</summary>
public sealed class EventJournalTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void RefusedEventsAreReportedKeptAndWrittenInOrderLater()
    {
        using var store = new GatedStore(_folder.Path);
        var journal = new EventJournal(store, TimeProvider.System);
        var failures = new List<string>();
        journal.StorageFailed += e => failures.Add(e.Message);

        journal.Log(EventKind.Operator, "alice", "VEPP/QUAD/1F1/SCur", "first");
        store.FailEvents = true;
        journal.Log(EventKind.Operator, "alice", "VEPP/QUAD/1F1/SCur", "second");
        journal.Log(EventKind.Operator, "alice", "VEPP/QUAD/1F1/SCur", "third");
        Assert.Equal(2, journal.Pending);
        Assert.Equal(2, failures.Count);
        Assert.Contains("locked", failures[0]);

        store.FailEvents = false;
        journal.Retry();
        Assert.Equal(0, journal.Pending);
        var stored = store.QueryEvents(new EventQuery(User: "alice")).Reverse().Select(e => e.Message);
        Assert.Equal(["first", "second", "third"], stored);
    }

    public void Dispose() => _folder.Dispose();
}
