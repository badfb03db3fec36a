using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.History;

/// <summary>A user of the control system and what the role allows.</summary>
public enum Role { Viewer, Operator, Expert, Admin }

/// <summary>A stored user: the password is kept only as a salted PBKDF2 hash.</summary>
public sealed record UserRecord(string Name, Role Role, string PasswordHash);

/// <summary>A user-defined group of elements saved for later use.</summary>
public sealed record GroupRecord(string Name, IReadOnlyList<string> Members, string Author, DateTimeOffset Time);

/// <summary>
/// Everything the control system keeps: the event log, the value archive, working sets, users and
/// user-defined groups. A call that returns has made its data durable (committed); a call that
/// cannot store throws <see cref="StorageException"/> and nothing is half-written.
/// SQLite by default, PostgreSQL when a connection string is given; both pass the same tests.
/// </summary>
public interface IControlStore : IDisposable
{
    /// <summary>Appends an event and returns it with its id.</summary>
    EventRecord AppendEvent(EventRecord record);

    IReadOnlyList<EventRecord> QueryEvents(EventQuery query);

    /// <summary>Appends a batch of samples in one transaction.</summary>
    void AppendSamples(IReadOnlyList<ArchiveSample> batch);

    /// <summary>Raw samples of a channel in [from, to], oldest first, at most limit.</summary>
    IReadOnlyList<ArchiveSample> QuerySamples(string channel, DateTimeOffset from, DateTimeOffset to, int limit = 100_000);

    /// <summary>The samples of a channel in [from, to] in equal time bins (empty bins omitted).</summary>
    IReadOnlyList<DecimatedBin> QueryDecimated(string channel, DateTimeOffset from, DateTimeOffset to, int bins);

    /// <summary>The time of the newest event or sample, null when both are empty (the end of the previous run's record).</summary>
    DateTimeOffset? LastRecordTime();

    /// <summary>Deletes what the policy no longer keeps; returns the number of rows removed.</summary>
    long ApplyRetention(RetentionPolicy policy, DateTimeOffset now);

    /// <summary>Stores a new version of a working set (the Version given is ignored) and returns it as stored.</summary>
    WorkingSet SaveWorkingSet(WorkingSet set);

    IReadOnlyList<WorkingSetInfo> ListWorkingSets();

    /// <summary>The given version, or the latest when version is null; null when there is none.</summary>
    WorkingSet? LoadWorkingSet(string name, int? version = null);

    void SaveUser(UserRecord user);

    UserRecord? FindUser(string name);

    IReadOnlyList<UserRecord> ListUsers();

    void SaveGroup(GroupRecord group);

    bool DeleteGroup(string name);

    IReadOnlyList<GroupRecord> ListGroups();
}

/// <summary>Storage could not do what was asked; the message says what and why.</summary>
public sealed class StorageException(string message, Exception? inner = null) : Exception(message, inner);
