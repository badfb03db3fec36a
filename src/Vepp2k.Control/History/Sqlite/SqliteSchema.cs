using Microsoft.Data.Sqlite;

namespace Vepp2k.Control.History.Sqlite;

/// <summary>
/// The schema as numbered migrations: opening a database applies those it has not seen, in one
/// write transaction, so two processes opening a fresh file at once cannot both create it.
/// Append new migrations; never edit a released one.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        -- AUTOINCREMENT so an id is never reused after retention deleted the newest rows.
        CREATE TABLE events (id INTEGER PRIMARY KEY AUTOINCREMENT, time_us INTEGER NOT NULL, kind TEXT NOT NULL,
            user_name TEXT NOT NULL, subject TEXT NOT NULL, message TEXT NOT NULL, old_value TEXT, new_value TEXT,
            result TEXT NOT NULL);
        CREATE INDEX events_time ON events (time_us);
        CREATE TABLE samples (channel TEXT NOT NULL, time_us INTEGER NOT NULL, value REAL NOT NULL, severity INTEGER NOT NULL);
        CREATE INDEX samples_channel_time ON samples (channel, time_us);
        CREATE INDEX samples_time ON samples (time_us);
        CREATE TABLE working_sets (name TEXT NOT NULL, version INTEGER NOT NULL, time_us INTEGER NOT NULL,
            author TEXT NOT NULL, comment TEXT NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE working_set_items (name TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL,
            channel TEXT NOT NULL, value REAL NOT NULL, subsystem TEXT NOT NULL, PRIMARY KEY (name, version, position),
            FOREIGN KEY (name, version) REFERENCES working_sets (name, version));
        -- Saved versions are a record of what the machine ran with: the database itself refuses to change them.
        CREATE TRIGGER working_sets_immutable_u BEFORE UPDATE ON working_sets BEGIN SELECT RAISE(ABORT, 'working sets are immutable'); END;
        CREATE TRIGGER working_sets_immutable_d BEFORE DELETE ON working_sets BEGIN SELECT RAISE(ABORT, 'working sets are immutable'); END;
        CREATE TRIGGER working_set_items_immutable_u BEFORE UPDATE ON working_set_items BEGIN SELECT RAISE(ABORT, 'working sets are immutable'); END;
        CREATE TRIGGER working_set_items_immutable_d BEFORE DELETE ON working_set_items BEGIN SELECT RAISE(ABORT, 'working sets are immutable'); END;
        CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL);
        CREATE TABLE user_groups (name TEXT PRIMARY KEY, members TEXT NOT NULL, author TEXT NOT NULL, time_us INTEGER NOT NULL);
        """,
    ];

    /// <summary>The version this program writes.</summary>
    public static int Current => Migrations.Length;

    public static void Migrate(SqliteConnection connection, string path)
    {
        using var tx = connection.BeginTransaction();
        Run(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_version";
        int version = Convert.ToInt32(read.ExecuteScalar());
        if (version > Current)
            throw new StorageException($"Database '{path}' has schema version {version}, newer than this program's {Current}: use a newer program.");
        for (int v = version; v < Current; v++)
        {
            Run(connection, tx, Migrations[v]);
            Run(connection, tx, $"INSERT INTO schema_version (version) VALUES ({v + 1})");
        }
        tx.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction tx, string sql)
    {
        using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
