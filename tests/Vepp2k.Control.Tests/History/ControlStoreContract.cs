using Vepp2k.Control.History;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.Tests.History;

/// <summary>
/// Everything a store must do, run against every store (SQLite always, PostgreSQL when configured).
/// Expected answers are computed here with LINQ over the same inputs, never read back from a store.
/// </summary>
public abstract class ControlStoreContract : IDisposable
{
    protected static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private IControlStore? _store;

    /// <summary>A new store on empty storage; called once per test.</summary>
    protected abstract IControlStore CreateStore();

    /// <summary>The same storage opened again, as after a restart.</summary>
    protected abstract IControlStore Reopen();

    /// <summary>Opening storage that cannot work (the message must say why).</summary>
    protected abstract void OpenUnusableStorage();

    protected IControlStore Store => _store ??= CreateStore();

    public virtual void Dispose()
    {
        _store?.Dispose();
        GC.SuppressFinalize(this);
    }

    private static List<EventRecord> RandomEvents(int count, int seed)
    {
        var rng = new Random(seed);
        string[] users = ["ivanov", "petrova", "system"], subjects = ["VEPP/QUAD/1F1", "VEPP/DIP/ALL", "VEPP/SOL/1S1"];
        string[] messages = ["set current", "ramp DONE", "Quench detected", "50% of limit", "a_b underscore", "restore"];
        var kinds = Enum.GetValues<EventKind>();
        return [.. Enumerable.Range(0, count).Select(i => new EventRecord(0,
            T0.AddSeconds(rng.Next(0, 3600)), kinds[rng.Next(kinds.Length)], users[rng.Next(users.Length)],
            subjects[rng.Next(subjects.Length)], messages[rng.Next(messages.Length)],
            rng.Next(2) == 0 ? null : "1.5", rng.Next(2) == 0 ? null : "2.5", "applied"))];
    }

    private List<EventRecord> AppendAll(IEnumerable<EventRecord> events) => [.. events.Select(Store.AppendEvent)];

    private static IEnumerable<EventRecord> NewestFirst(IEnumerable<EventRecord> rows) =>
        rows.OrderByDescending(e => e.Time).ThenByDescending(e => e.Id);

    [StoreFact]
    public void Appended_events_get_increasing_ids_and_read_back_unchanged()
    {
        var stored = AppendAll(RandomEvents(40, 1));
        Assert.Equal(stored.Count, stored.Select(e => e.Id).Distinct().Count());
        Assert.True(stored.Zip(stored.Skip(1)).All(p => p.Second.Id > p.First.Id));
        Assert.Equal(NewestFirst(stored), Store.QueryEvents(new EventQuery()));
    }

    [StoreFact]
    public void Event_queries_filter_by_time_kind_user_subject_and_text_newest_first_with_limit()
    {
        var stored = AppendAll(RandomEvents(300, 2));
        var from = T0.AddMinutes(10);
        var to = T0.AddMinutes(40);
        var queries = new (EventQuery Query, Func<EventRecord, bool> Keep)[]
        {
            (new EventQuery(From: from, To: to), e => e.Time >= from && e.Time <= to),
            (new EventQuery(Kind: EventKind.Quench), e => e.Kind == EventKind.Quench),
            (new EventQuery(User: "petrova"), e => e.User == "petrova"),
            (new EventQuery(Subject: "VEPP/SOL/1S1"), e => e.Subject == "VEPP/SOL/1S1"),
            (new EventQuery(Text: "quench"), e => Has(e, "quench")),
            (new EventQuery(Text: "ivan"), e => Has(e, "ivan")),
            (new EventQuery(Text: "quad/1f"), e => Has(e, "quad/1f")),
            // % and _ are literal characters to search for, not wildcards.
            (new EventQuery(Text: "%"), e => Has(e, "%")),
            (new EventQuery(Text: "a_b"), e => Has(e, "a_b")),
            (new EventQuery(Kind: EventKind.Operator, User: "system", From: from), e => e.Kind == EventKind.Operator && e.User == "system" && e.Time >= from),
            (new EventQuery(Limit: 7), _ => true),
            (new EventQuery(Text: "DONE", Limit: 3), e => Has(e, "done")),
        };
        foreach (var (query, keep) in queries)
        {
            var expected = NewestFirst(stored.Where(keep)).Take(query.Limit).ToList();
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Store.QueryEvents(query));
        }
        Assert.Empty(Store.QueryEvents(new EventQuery(Text: "no such words")));

        static bool Has(EventRecord e, string text) =>
            e.Subject.Contains(text, StringComparison.OrdinalIgnoreCase) || e.Message.Contains(text, StringComparison.OrdinalIgnoreCase)
            || e.User.Contains(text, StringComparison.OrdinalIgnoreCase);
    }

    [StoreFact]
    public void The_last_record_time_is_the_newest_event_or_sample()
    {
        Assert.Null(Store.LastRecordTime());
        Store.AppendEvent(new EventRecord(0, T0.AddSeconds(10), EventKind.State, "system", "s", "m", null, null, ""));
        Assert.Equal(T0.AddSeconds(10), Store.LastRecordTime());
        Store.AppendSamples([new ArchiveSample("VEPP/X", T0.AddSeconds(25), 1, 0), new ArchiveSample("VEPP/X", T0.AddSeconds(20), 2, 0)]);
        Assert.Equal(T0.AddSeconds(25), Store.LastRecordTime());
        Store.AppendEvent(new EventRecord(0, T0.AddSeconds(30), EventKind.State, "system", "s", "m", null, null, ""));
        Assert.Equal(T0.AddSeconds(30), Store.LastRecordTime());
    }

    [StoreFact]
    public void Times_are_kept_to_the_microsecond_in_UTC()
    {
        var local = new DateTimeOffset(2025, 6, 1, 15, 0, 0, TimeSpan.FromHours(7)).AddTicks(1_234_567);
        var stored = Store.AppendEvent(new EventRecord(0, local, EventKind.State, "u", "s", "m", null, null, "ok"));
        var back = Assert.Single(Store.QueryEvents(new EventQuery()));
        Assert.Equal(local.AddTicks(-7), back.Time); // 1_234_567 ticks = 123456.7 us: the 0.7 us is dropped
        Assert.Equal(TimeSpan.Zero, back.Time.Offset);
        Assert.Equal(stored, back);
    }

    [StoreFact]
    public void Samples_read_back_in_range_oldest_first_per_channel_with_limit()
    {
        var rng = new Random(3);
        var batch = Enumerable.Range(0, 2000).Select(i => new ArchiveSample(i % 3 == 0 ? "B" : "A",
            T0.AddMilliseconds(rng.Next(0, 100_000)), rng.NextDouble() * 100 - 50, rng.Next(0, 3))).ToList();
        Store.AppendSamples(batch.Take(1000).ToList());
        Store.AppendSamples(batch.Skip(1000).ToList());
        var from = T0.AddSeconds(20);
        var to = T0.AddSeconds(70);
        var expected = batch.Where(s => s.Channel == "A" && s.Time >= from && s.Time <= to).OrderBy(s => s.Time).ToList();
        var actual = Store.QuerySamples("A", from, to);
        Assert.Equal(expected.Select(s => (s.Time, s.Value, s.Severity)), actual.Select(s => (s.Time, s.Value, s.Severity)));
        Assert.All(actual, s => Assert.Equal("A", s.Channel));
        Assert.Equal(expected.Take(10).Select(s => s.Time), Store.QuerySamples("A", from, to, limit: 10).Select(s => s.Time));
        Assert.Empty(Store.QuerySamples("C", from, to));
    }

    [StoreFact]
    public void Decimated_bins_match_min_max_mean_computed_from_the_same_samples()
    {
        var rng = new Random(4);
        const int bins = 37;
        var width = TimeSpan.FromSeconds(10);
        var from = T0;
        var to = T0 + bins * width - TimeSpan.FromTicks(10); // inclusive end: exactly `bins` bins of `width`
        var samples = Enumerable.Range(0, 5000).Select(_ => new ArchiveSample("Q",
            from.AddTicks(10 * rng.NextInt64(0, (long)(bins * width.TotalMicroseconds))), Math.Round(rng.NextDouble() * 1000, 3), 0))
            .Where(s => s.Time < from + 12 * width || s.Time >= from + 13 * width) // bin 12 stays empty: no bin for it
            .ToList();
        samples.Add(new ArchiveSample("Q", to + TimeSpan.FromSeconds(1), 1e6, 0)); // outside: must not count
        Store.AppendSamples(samples);
        var expected = samples.Where(s => s.Time <= to).GroupBy(s => (int)((s.Time - from) / width)).OrderBy(g => g.Key)
            .Select(g => (Start: from + g.Key * width, g.Count(), g.Min(s => s.Value), g.Max(s => s.Value), g.Average(s => s.Value)))
            .ToList();
        var actual = Store.QueryDecimated("Q", from, to, bins);
        Assert.Equal(expected.Select(e => (e.Start, e.Item2, e.Item3, e.Item4)), actual.Select(b => (b.Start, b.Count, b.Min, b.Max)));
        foreach (var (e, b) in expected.Zip(actual))
        {
            Assert.Equal(e.Item5, b.Mean, 1e-9);
            Assert.True(b.End > b.Start && b.End <= to);
        }
        Assert.DoesNotContain(actual, b => b.Start == from + 12 * width);
    }

    [StoreFact]
    public void Retention_removes_exactly_what_is_older_than_the_policy()
    {
        var events = AppendAll(RandomEvents(100, 5));
        var samples = Enumerable.Range(0, 500).Select(i => new ArchiveSample("R", T0.AddSeconds(i * 7), i, 0)).ToList();
        Store.AppendSamples(samples);
        var now = T0.AddHours(1);
        var policy = new RetentionPolicy(Samples: TimeSpan.FromMinutes(30), Events: TimeSpan.FromMinutes(45));
        long expectedRemoved = samples.Count(s => s.Time < now - policy.Samples!.Value) + events.Count(e => e.Time < now - policy.Events!.Value);
        Assert.Equal(expectedRemoved, Store.ApplyRetention(policy, now));
        Assert.Equal(samples.Where(s => s.Time >= now - policy.Samples!.Value).Select(s => s.Time),
            Store.QuerySamples("R", T0.AddDays(-1), T0.AddDays(1)).Select(s => s.Time));
        Assert.Equal(NewestFirst(events.Where(e => e.Time >= now - policy.Events!.Value)), Store.QueryEvents(new EventQuery()));
        Assert.Equal(0, Store.ApplyRetention(new RetentionPolicy(null, null), now.AddYears(1)));
    }

    private static WorkingSet Set(string name, double scale, int items = 120) => new(name, 99, T0, "ivanov", "round beams, 1 GeV",
        ["1GeV", "round"], [.. Enumerable.Range(0, items).Select(i => new WorkingSetItem($"VEPP/QUAD/{i}/SCur", scale * i + 0.125, i % 2 == 0 ? "quads" : "correctors"))]);

    private static void AssertSame(WorkingSet expected, WorkingSet? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal((expected.Name, expected.Version, expected.Time, expected.Author, expected.Comment),
            (actual.Name, actual.Version, actual.Time, actual.Author, actual.Comment));
        Assert.Equal(expected.Tags, actual.Tags);
        Assert.Equal(expected.Items, actual.Items);
    }

    [StoreFact]
    public void Saving_a_working_set_name_again_makes_the_next_version_and_never_changes_old_ones()
    {
        var v1 = Store.SaveWorkingSet(Set("round 1 GeV", 1.0));
        var v2 = Store.SaveWorkingSet(Set("round 1 GeV", 2.0, items: 3) with { Comment = "retuned", Tags = [] });
        var other = Store.SaveWorkingSet(Set("injection", 3.0));
        Assert.Equal((1, 2, 1), (v1.Version, v2.Version, other.Version));
        AssertSame(Set("round 1 GeV", 1.0) with { Version = 1 }, Store.LoadWorkingSet("round 1 GeV", 1));
        AssertSame(v2, Store.LoadWorkingSet("round 1 GeV"));
        AssertSame(v2, Store.LoadWorkingSet("round 1 GeV", 2));
        Assert.Null(Store.LoadWorkingSet("round 1 GeV", 3));
        Assert.Null(Store.LoadWorkingSet("missing"));
        Assert.Equal([("injection", 1, 120), ("round 1 GeV", 1, 120), ("round 1 GeV", 2, 3)],
            Store.ListWorkingSets().Select(w => (w.Name, w.Version, w.ItemCount)));
        Assert.Equal(["1GeV", "round"], Store.ListWorkingSets()[1].Tags);
    }

    [StoreFact]
    public void Users_are_unique_by_name_and_saving_again_replaces_role_and_hash()
    {
        Store.SaveUser(new UserRecord("ivanov", Role.Operator, "h1"));
        Store.SaveUser(new UserRecord("admin", Role.Admin, "h2"));
        Store.SaveUser(new UserRecord("ivanov", Role.Expert, "h3"));
        Assert.Equal(new UserRecord("ivanov", Role.Expert, "h3"), Store.FindUser("ivanov"));
        Assert.Null(Store.FindUser("nobody"));
        Assert.Equal([new UserRecord("admin", Role.Admin, "h2"), new UserRecord("ivanov", Role.Expert, "h3")], Store.ListUsers());
    }

    [StoreFact]
    public void Groups_are_saved_replaced_listed_and_deleted()
    {
        Store.SaveGroup(new GroupRecord("arc-F", ["1F1", "1F2"], "ivanov", T0));
        Store.SaveGroup(new GroupRecord("arc-D", ["1D1"], "petrova", T0));
        Store.SaveGroup(new GroupRecord("arc-F", ["1F1", "1F2", "2F1"], "petrova", T0.AddHours(1)));
        var groups = Store.ListGroups();
        Assert.Equal(["arc-D", "arc-F"], groups.Select(g => g.Name));
        Assert.Equal(["1F1", "1F2", "2F1"], groups[1].Members);
        Assert.Equal(("petrova", T0.AddHours(1)), (groups[1].Author, groups[1].Time));
        Assert.True(Store.DeleteGroup("arc-D"));
        Assert.False(Store.DeleteGroup("arc-D"));
        Assert.Equal(["arc-F"], Store.ListGroups().Select(g => g.Name));
    }

    [StoreFact]
    public void Bad_input_is_refused_and_changes_nothing()
    {
        var batch = new List<ArchiveSample> { new("A", T0, 1, 0), new("A", T0.AddSeconds(1), double.NaN, 0) };
        Assert.Throws<ArgumentException>(() => Store.AppendSamples(batch));
        Assert.Empty(Store.QuerySamples("A", T0.AddDays(-1), T0.AddDays(1)));
        var bad = Set("bad", 1.0) with { Items = [new WorkingSetItem("X", double.PositiveInfinity, "quads")] };
        Assert.Throws<ArgumentException>(() => Store.SaveWorkingSet(bad));
        Assert.Throws<ArgumentException>(() => Store.SaveWorkingSet(Set(" ", 1.0)));
        Assert.Empty(Store.ListWorkingSets());
        Assert.Throws<ArgumentException>(() => Store.SaveUser(new UserRecord("", Role.Admin, "h")));
        Assert.Empty(Store.ListUsers());
        Assert.Throws<ArgumentOutOfRangeException>(() => Store.QueryEvents(new EventQuery(Limit: 0)));
        Assert.Throws<ArgumentException>(() => Store.QueryDecimated("A", T0, T0.AddSeconds(-1), 10));
    }

    [StoreFact]
    public void Everything_stored_is_there_after_reopening()
    {
        var e = Store.AppendEvent(new EventRecord(0, T0, EventKind.Interlock, "system", "VEPP/QUAD/1F1", "tripped", null, null, "applied"));
        Store.AppendSamples([new ArchiveSample("A", T0, 42.5, 2)]);
        Store.SaveWorkingSet(Set("w", 1.0));
        Store.SaveUser(new UserRecord("u", Role.Viewer, "h"));
        Store.SaveGroup(new GroupRecord("g", ["1F1"], "u", T0));
        Store.Dispose();
        using var again = Reopen();
        Assert.Equal([e], again.QueryEvents(new EventQuery()));
        Assert.Equal([new ArchiveSample("A", T0, 42.5, 2)], again.QuerySamples("A", T0, T0));
        Assert.Equal(120, again.LoadWorkingSet("w")!.Items.Count);
        Assert.NotNull(again.FindUser("u"));
        Assert.Single(again.ListGroups());
        Assert.Equal(2, again.SaveWorkingSet(Set("w", 2.0)).Version);
    }

    [StoreFact]
    public void Unusable_storage_raises_a_StorageException_that_says_why()
    {
        var ex = Assert.Throws<StorageException>(OpenUnusableStorage);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [StoreFact]
    public void A_disposed_store_refuses_calls()
    {
        Store.Dispose();
        Assert.ThrowsAny<ObjectDisposedException>(() => Store.QueryEvents(new EventQuery()));
    }
}
