using System.Data.Common;
using System.Text.Json;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.History;

public abstract partial class SqlControlStore
{
    /// <summary>
    /// Serialises saves of one name across processes so two savers cannot take the same version.
    /// SQLite needs nothing (its write transaction locks the whole file); PostgreSQL takes a lock.
    /// </summary>
    protected virtual void LockWorkingSetName(DbConnection connection, DbTransaction tx, string name) { }

    public WorkingSet SaveWorkingSet(WorkingSet set)
    {
        StoreInput.WorkingSet(set);
        var stored = set with { Time = UnixMicros.ToTime(UnixMicros.From(set.Time)), Tags = [.. set.Tags], Items = [.. set.Items] };
        int version = Write($"save working set '{set.Name}'", (c, tx) =>
        {
            LockWorkingSetName(c, tx, set.Name);
            int next = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) + 1 FROM working_sets WHERE name = @n",
                ("@n", set.Name)));
            Execute(c, tx,
                "INSERT INTO working_sets (name, version, time_us, author, comment, tags) VALUES (@n, @v, @t, @a, @c, @g)",
                ("@n", set.Name), ("@v", next), ("@t", UnixMicros.From(stored.Time)), ("@a", stored.Author),
                ("@c", stored.Comment), ("@g", JsonSerializer.Serialize(stored.Tags)));
            using var item = Command(c, tx,
                "INSERT INTO working_set_items (name, version, position, channel, value, subsystem) VALUES (@n, @v, @p, @ch, @x, @s)",
                ("@n", set.Name), ("@v", next), ("@p", 0), ("@ch", ""), ("@x", 0.0), ("@s", ""));
            for (int i = 0; i < stored.Items.Count; i++)
            {
                item.Parameters["@p"].Value = i;
                item.Parameters["@ch"].Value = stored.Items[i].Channel;
                item.Parameters["@x"].Value = stored.Items[i].Value;
                item.Parameters["@s"].Value = stored.Items[i].Subsystem;
                item.ExecuteNonQuery();
            }
            return next;
        });
        return stored with { Version = version };
    }

    public IReadOnlyList<WorkingSetInfo> ListWorkingSets() => Read("list working sets", c =>
    {
        using var cmd = Command(c, null,
            "SELECT w.name, w.version, w.time_us, w.author, w.comment, w.tags, " +
            "(SELECT COUNT(*) FROM working_set_items i WHERE i.name = w.name AND i.version = w.version) " +
            "FROM working_sets w ORDER BY w.name, w.version");
        using var reader = cmd.ExecuteReader();
        var rows = new List<WorkingSetInfo>();
        while (reader.Read())
        {
            rows.Add(new WorkingSetInfo(reader.GetString(0), reader.GetInt32(1), UnixMicros.ToTime(reader.GetInt64(2)),
                reader.GetString(3), reader.GetString(4), Tags(reader.GetString(5)), (int)reader.GetInt64(6)));
        }
        return rows;
    });

    public WorkingSet? LoadWorkingSet(string name, int? version = null)
    {
        StoreInput.Name(name, nameof(name));
        return Read($"load working set '{name}'", c =>
        {
            WorkingSet header;
            using (var cmd = Command(c, null,
                "SELECT version, time_us, author, comment, tags FROM working_sets WHERE name = @n " +
                (version is null ? "ORDER BY version DESC LIMIT 1" : "AND version = @v"),
                ("@n", name), ("@v", version ?? 0)))
            using (var reader = cmd.ExecuteReader())
            {
                if (!reader.Read()) return null;
                header = new WorkingSet(name, reader.GetInt32(0), UnixMicros.ToTime(reader.GetInt64(1)), reader.GetString(2),
                    reader.GetString(3), Tags(reader.GetString(4)), []);
            }
            using var items = Command(c, null,
                "SELECT channel, value, subsystem FROM working_set_items WHERE name = @n AND version = @v ORDER BY position",
                ("@n", name), ("@v", header.Version));
            using var rows = items.ExecuteReader();
            var list = new List<WorkingSetItem>();
            while (rows.Read()) list.Add(new WorkingSetItem(rows.GetString(0), rows.GetDouble(1), rows.GetString(2)));
            return header with { Items = list };
        });
    }

    private static string[] Tags(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];
}
