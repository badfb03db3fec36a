using System.Data.Common;

namespace Vepp2k.Control.History;

/// <summary>
/// The SQL both stores share: SQLite and PostgreSQL accept the same statements here (RETURNING,
/// ON CONFLICT, LIMIT), so only connections, bulk sample writes, schema and error mapping differ.
/// Subclasses run each call through <see cref="Read{T}"/> or <see cref="Write{T}"/>, which own the
/// connection, the transaction and the translation of driver errors into <see cref="StorageException"/>.
/// </summary>
public abstract partial class SqlControlStore : IControlStore
{
    /// <summary>Runs a query on a connection; driver errors become StorageException naming <paramref name="what"/>.</summary>
    protected abstract T Read<T>(string what, Func<DbConnection, T> query);

    /// <summary>Runs <paramref name="work"/> in one transaction and commits it before returning.</summary>
    protected abstract T Write<T>(string what, Func<DbConnection, DbTransaction, T> work);

    /// <summary>The case-insensitive LIKE of the dialect.</summary>
    protected abstract string LikeOperator { get; }

    public abstract void AppendSamples(IReadOnlyList<ArchiveSample> batch);

    public abstract void Dispose();

    public EventRecord AppendEvent(EventRecord record)
    {
        StoreInput.Event(record);
        long id = Write("append an event", (c, tx) => (long)Scalar(c, tx,
            "INSERT INTO events (time_us, kind, user_name, subject, message, old_value, new_value, result) " +
            "VALUES (@t, @k, @u, @s, @m, @o, @n, @r) RETURNING id",
            ("@t", UnixMicros.From(record.Time)), ("@k", record.Kind.ToString()), ("@u", record.User),
            ("@s", record.Subject), ("@m", record.Message), ("@o", record.OldValue), ("@n", record.NewValue),
            ("@r", record.Result))!);
        return record with { Id = id, Time = UnixMicros.ToTime(UnixMicros.From(record.Time)) };
    }

    public IReadOnlyList<EventRecord> QueryEvents(EventQuery query)
    {
        StoreInput.Query(query);
        return Read("query events", c =>
        {
            using var cmd = Command(c, null, "");
            var where = EventFilterSql.Apply(cmd, query, LikeOperator);
            cmd.CommandText = "SELECT id, time_us, kind, user_name, subject, message, old_value, new_value, result FROM events"
                + where + " ORDER BY time_us DESC, id DESC LIMIT @limit";
            AddParameter(cmd, "@limit", (long)query.Limit);
            using var reader = cmd.ExecuteReader();
            var rows = new List<EventRecord>();
            while (reader.Read())
            {
                rows.Add(new EventRecord(reader.GetInt64(0), UnixMicros.ToTime(reader.GetInt64(1)),
                    Enum.Parse<EventKind>(reader.GetString(2)), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.IsDBNull(6) ? null : reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetString(7),
                    reader.GetString(8)));
            }
            return rows;
        });
    }

    /// <summary>A command with named parameters; null values are sent as SQL NULL.</summary>
    protected static DbCommand Command(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in args) AddParameter(cmd, name, value);
        return cmd;
    }

    protected static int Execute(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(connection, tx, sql, args);
        return cmd.ExecuteNonQuery();
    }

    protected static object? Scalar(DbConnection connection, DbTransaction? tx, string sql, params (string Name, object? Value)[] args)
    {
        using var cmd = Command(connection, tx, sql, args);
        return cmd.ExecuteScalar();
    }

    protected static void AddParameter(DbCommand cmd, string name, object? value)
    {
        var p = cmd.CreateParameter();
        p.ParameterName = name;
        p.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(p);
    }
}
