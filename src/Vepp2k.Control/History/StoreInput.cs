using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.History;

/// <summary>
/// Checks shared by every store, run before anything is written so bad input changes nothing.
/// Non-finite values are refused because SQLite stores NaN as NULL and would lose the sample.
/// </summary>
internal static class StoreInput
{
    public static void Name(string value, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
            throw new ArgumentException($"{what} must not be empty.", what);
    }

    public static void Event(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!Enum.IsDefined(record.Kind))
            throw new ArgumentException($"Unknown event kind {(int)record.Kind}.", nameof(record));
    }

    public static void Samples(IReadOnlyList<ArchiveSample> batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        for (int i = 0; i < batch.Count; i++)
        {
            Name(batch[i].Channel, "channel");
            if (!double.IsFinite(batch[i].Value))
                throw new ArgumentException($"Sample {i} of '{batch[i].Channel}' has non-finite value {batch[i].Value}.", nameof(batch));
        }
    }

    public static void Query(EventQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.Limit, 1, nameof(query.Limit));
    }

    public static void Range(DateTimeOffset from, DateTimeOffset to, int count, string what)
    {
        if (to < from) throw new ArgumentException($"Time range ends ({to:O}) before it starts ({from:O}).");
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, what);
    }

    public static void WorkingSet(WorkingSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        Name(set.Name, "working set name");
        ArgumentNullException.ThrowIfNull(set.Items);
        ArgumentNullException.ThrowIfNull(set.Tags);
        foreach (var item in set.Items)
        {
            Name(item.Channel, "working set channel");
            if (!double.IsFinite(item.Value))
                throw new ArgumentException($"Working set '{set.Name}': channel '{item.Channel}' has non-finite value {item.Value}.");
        }
    }

    public static void User(UserRecord user)
    {
        ArgumentNullException.ThrowIfNull(user);
        Name(user.Name, "user name");
        Name(user.PasswordHash, "password hash");
        if (!Enum.IsDefined(user.Role)) throw new ArgumentException($"Unknown role {(int)user.Role}.", nameof(user));
    }

    public static void Group(GroupRecord group)
    {
        ArgumentNullException.ThrowIfNull(group);
        Name(group.Name, "group name");
        ArgumentNullException.ThrowIfNull(group.Members);
        foreach (var member in group.Members) Name(member, "group member");
    }
}
