using Npgsql;

namespace Vepp2k.Control.History.Postgres;

/// <summary>
/// The PostgreSQL schema as numbered migrations, applied on open under a transaction-scoped
/// advisory lock so concurrent openers cannot race. Tables go to the first schema of the search path.
/// Append new migrations; never edit a released one.
/// </summary>
internal static class PostgresSchema
{
    // Arbitrary constant shared by every process that migrates this schema ("VEPP2K" in ASCII).
    private const long MigrationLock = 0x564550503200;

    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE events (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, time_us BIGINT NOT NULL, kind TEXT NOT NULL,
            user_name TEXT NOT NULL, subject TEXT NOT NULL, message TEXT NOT NULL, old_value TEXT, new_value TEXT,
            result TEXT NOT NULL);
        CREATE INDEX events_time ON events (time_us);
        CREATE TABLE samples (channel TEXT NOT NULL, time_us BIGINT NOT NULL, value DOUBLE PRECISION NOT NULL, severity INTEGER NOT NULL);
        CREATE INDEX samples_channel_time ON samples (channel, time_us);
        CREATE INDEX samples_time ON samples (time_us);
        CREATE TABLE working_sets (name TEXT NOT NULL, version INTEGER NOT NULL, time_us BIGINT NOT NULL,
            author TEXT NOT NULL, comment TEXT NOT NULL, tags TEXT NOT NULL, PRIMARY KEY (name, version));
        CREATE TABLE working_set_items (name TEXT NOT NULL, version INTEGER NOT NULL, position INTEGER NOT NULL,
            channel TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, subsystem TEXT NOT NULL, PRIMARY KEY (name, version, position),
            FOREIGN KEY (name, version) REFERENCES working_sets (name, version));
        -- Saved versions are a record of what the machine ran with: the database itself refuses to change them.
        CREATE FUNCTION working_sets_immutable() RETURNS trigger LANGUAGE plpgsql AS
            $$ BEGIN RAISE EXCEPTION 'working sets are immutable'; END $$;
        CREATE TRIGGER working_sets_immutable BEFORE UPDATE OR DELETE ON working_sets
            FOR EACH ROW EXECUTE FUNCTION working_sets_immutable();
        CREATE TRIGGER working_set_items_immutable BEFORE UPDATE OR DELETE ON working_set_items
            FOR EACH ROW EXECUTE FUNCTION working_sets_immutable();
        CREATE TABLE users (name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL);
        CREATE TABLE user_groups (name TEXT PRIMARY KEY, members TEXT NOT NULL, author TEXT NOT NULL, time_us BIGINT NOT NULL);
        """,
    ];

    public static int Current => Migrations.Length;

    public static void Migrate(NpgsqlConnection connection)
    {
        using var tx = connection.BeginTransaction();
        Run(connection, tx, $"SELECT pg_advisory_xact_lock({MigrationLock})");
        Run(connection, tx, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
        using var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection, tx);
        int version = Convert.ToInt32(read.ExecuteScalar());
        if (version > Current)
            throw new StorageException($"PostgreSQL schema version {version} is newer than this program's {Current}: use a newer program.");
        for (int v = version; v < Current; v++)
        {
            Run(connection, tx, Migrations[v]);
            Run(connection, tx, $"INSERT INTO schema_version (version) VALUES ({v + 1})");
        }
        tx.Commit();
    }

    private static void Run(NpgsqlConnection connection, NpgsqlTransaction tx, string sql)
    {
        using var cmd = new NpgsqlCommand(sql, connection, tx);
        cmd.ExecuteNonQuery();
    }
}
