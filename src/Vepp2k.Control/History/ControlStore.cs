using Vepp2k.Control.History.Postgres;
using Vepp2k.Control.History.Sqlite;

namespace Vepp2k.Control.History;

/// <summary>Chooses the store: SQLite in the data folder unless a PostgreSQL connection string is given.</summary>
public static class ControlStore
{
    public static IControlStore Open(string dataFolder, string? postgresConnectionString) =>
        string.IsNullOrWhiteSpace(postgresConnectionString)
            ? new SqliteControlStore(dataFolder)
            : new PostgresControlStore(postgresConnectionString);
}
