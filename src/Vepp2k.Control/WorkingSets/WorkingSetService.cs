using Vepp2k.Control.Channels;
using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.WorkingSets;

/// <summary>One item of a comparison: values on each side [A] and whether they differ beyond tolerance.</summary>
public sealed record ComparisonItem(string Channel, string Subsystem, double? Left, double? Right, bool Differs);

/// <summary>The outcome of one restored item: restored, unchanged, unavailable or failed, with the reason.</summary>
public sealed record RestoreItem(string Channel, string Subsystem, string Outcome, string Detail);

/// <summary>The final report of a restore.</summary>
public sealed record RestoreReport(string Set, int Version, int Restored, int Unchanged, int Unavailable, int Failed,
    IReadOnlyList<RestoreItem> Items, string Summary);

/// <summary>
/// Save, compare and restore working sets. A save is a fresh read of every setting channel at one
/// instant. A restore goes subsystem by subsystem in <see cref="Subsystem.RestoreOrder"/>: the items
/// that differ move in one synchronised ramp per subsystem, the next subsystem starts only when the
/// previous one arrived (or timed out), and the report lists every item with its outcome.
/// </summary>
public sealed class WorkingSetService(ControlCore core, ChannelRegistry registry, IControlStore store)
{
    /// <summary>The tolerance of one channel [A]: the given one when positive, else the element's <see cref="PoweredElement.ArrivalTolerance"/>.</summary>
    public double ToleranceOf(string channel, double tolerance) =>
        tolerance > 0 ? tolerance : core.Machine.BySetpointChannel(channel)?.ArrivalTolerance ?? 0;

    public WorkingSet Save(WriteContext who, string name, string comment, IReadOnlyList<string> tags)
    {
        Authorize(who, $"workingset/{name}", "save working sets");
        CheckNames(name, tags);
        var items = Live().Select(x => new WorkingSetItem(x.Channel, x.Value, x.Subsystem)).ToList();
        var saved = store.SaveWorkingSet(new WorkingSet(name, 0, core.Time.GetUtcNow(), who.User, comment, tags, items));
        core.Journal.Log(EventKind.Operator, who.User, $"workingset/{saved.Name}", $"saved version {saved.Version} ({items.Count} items) via {who.Origin}",
            null, $"v{saved.Version}", "applied");
        return saved;
    }

    /// <summary>Stores an imported set (JSON or CSV file) as the next version of its name, under the rules of <see cref="Save"/>.</summary>
    public WorkingSet Import(WriteContext who, WorkingSet set)
    {
        Authorize(who, $"workingset/{set.Name}", "import working sets");
        CheckNames(set.Name, set.Tags);
        var saved = store.SaveWorkingSet(set with { Author = $"{set.Author} (imported by {who.User})" });
        core.Journal.Log(EventKind.Operator, who.User, $"workingset/{saved.Name}", $"imported as version {saved.Version} via {who.Origin}",
            null, $"v{saved.Version}", "applied");
        return saved;
    }

    // The core's policy, refusal logged; thrown, as these operations return what they saved or restored.
    private void Authorize(WriteContext who, string subject, string action)
    {
        if (core.Authorize(who, subject, action) is { } denied) throw new UnauthorizedAccessException(denied.Message);
    }

    // Names and tags are checked here, before the store, so a refused name leaves nothing behind.
    private static void CheckNames(string name, IReadOnlyList<string> tags)
    {
        OperatorName.Check(name, "working-set name");
        foreach (var tag in tags) OperatorName.Check(tag, "tag");
    }

    /// <summary>
    /// What every supply really runs, read at one instant: its setpoint while on, 0 A while off or
    /// tripped (a switched-off supply's old setting is not what the machine does).
    /// </summary>
    public IReadOnlyList<(string Channel, double Value, string Subsystem)> Live()
    {
        core.Tick();
        return [.. core.Machine.Elements.Select(e => (e.SetpointChannel, e.Running, e.Subsystem))];
    }

    /// <summary>
    /// Compares a set with another set, or with the live machine when <paramref name="other"/> is null;
    /// tolerance 0 compares each item with its own default (<see cref="ToleranceOf"/>).
    /// </summary>
    public IReadOnlyList<ComparisonItem> Compare(WorkingSet set, WorkingSet? other, double tolerance)
    {
        var left = set.Items.ToDictionary(i => i.Channel, i => i);
        var right = other is null
            ? Live().ToDictionary(x => x.Channel, x => new WorkingSetItem(x.Channel, x.Value, x.Subsystem))
            : other.Items.ToDictionary(i => i.Channel, i => i);
        return [.. left.Keys.Union(right.Keys).Order(StringComparer.Ordinal).Select(channel =>
        {
            var l = left.GetValueOrDefault(channel);
            var r = right.GetValueOrDefault(channel);
            bool differs = l is null || r is null || Math.Abs(l.Value - r.Value) > ToleranceOf(channel, tolerance);
            return new ComparisonItem(channel, (l ?? r)!.Subsystem, l?.Value, r?.Value, differs);
        })];
    }

    public async Task<RestoreReport> Restore(WriteContext who, WorkingSet set, IReadOnlyList<string> subsystems, double tolerance,
        TimeSpan timeoutPerSubsystem, IProgress<string>? progress = null, CancellationToken cancel = default)
    {
        Authorize(who, $"workingset/{set.Name}", "restore working sets");
        var items = new List<RestoreItem>();
        foreach (var subsystem in Subsystem.RestoreOrder.Where(subsystems.Contains))
        {
            var moves = new List<(string Element, double Target, WorkingSetItem Item)>();
            foreach (var item in set.Items.Where(i => i.Subsystem == subsystem))
            {
                var channel = registry.Find(item.Channel);
                var element = core.Machine.BySetpointChannel(item.Channel);
                if (channel is null || element is null || channel.Spec.Access != ChannelAccess.ReadWrite)
                    items.Add(new(item.Channel, subsystem, "unavailable", "no writable channel of that name in this machine"));
                else if (element.Supply.State is not Devices.SupplyState.On)
                    items.Add(new(item.Channel, subsystem, "unavailable", $"supply {element.Supply.State}"));
                else if (Math.Abs(element.Running - item.Value) <= ToleranceOf(item.Channel, tolerance))
                    items.Add(new(item.Channel, subsystem, "unchanged", $"{element.Supply.Setpoint:F4} A"));
                else moves.Add((element.Name, item.Value, item));
            }
            if (moves.Count == 0) continue;
            progress?.Report($"{subsystem}: ramping {moves.Count} element(s)");
            var op = core.Set(who, [.. moves.Select(m => (m.Element, m.Target))], Units.Hardware, $"restore {set.Name} v{set.Version} {subsystem}");
            if (!op.Applied)
            {
                items.AddRange(moves.Select(m => new RestoreItem(m.Item.Channel, subsystem, "failed", op.Message)));
                progress?.Report($"{subsystem}: refused: {op.Message}");
                continue;
            }
            var ramp = core.FindRamp(op.RampId!.Value)!;
            double arrive = moves.Max(m => ToleranceOf(m.Item.Channel, tolerance));
            var arrival = await core.WaitForArrival([.. moves.Select(m => (m.Element, m.Target))], arrive, ramp.Duration + timeoutPerSubsystem, cancel);
            foreach (var m in moves)
            {
                bool ok = arrival.Arrived.Contains(m.Element);
                items.Add(new(m.Item.Channel, subsystem, ok ? "restored" : "failed",
                    ok ? $"{m.Target:F4} A" : arrival.NotArrived.First(n => n.StartsWith(m.Element + " ", StringComparison.Ordinal))));
            }
            progress?.Report($"{subsystem}: {arrival.Message}");
        }
        int Count(string outcome) => items.Count(i => i.Outcome == outcome);
        var report = new RestoreReport(set.Name, set.Version, Count("restored"), Count("unchanged"), Count("unavailable"), Count("failed"), items,
            $"restored {Count("restored")}, unchanged {Count("unchanged")}, unavailable {Count("unavailable")}, failed {Count("failed")}");
        core.Journal.Log(EventKind.Operator, who.User, $"workingset/{set.Name}", $"restore v{set.Version} ({string.Join(",", subsystems)}) via {who.Origin}",
            null, null, report.Summary);
        return report;
    }
}
