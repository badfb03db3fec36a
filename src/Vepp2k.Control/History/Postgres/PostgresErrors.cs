using Npgsql;

namespace Vepp2k.Control.History.Postgres;

/// <summary>Names the PostgreSQL failures an operator can act on in plain words.</summary>
internal static class PostgresErrors
{
    public static StorageException Wrap(string what, Exception ex)
    {
        string why = ex switch
        {
            PostgresException pg => pg.SqlState switch
            {
                "53100" => "the database server's disk is full",
                "55P03" or "40P01" => "the database is locked (lock timeout or deadlock)",
                "XX001" or "XX002" => "the database reports corrupt data",
                "42501" => "permission denied",
                "57P01" or "57P02" or "57P03" => "the database server is shutting down or not accepting connections",
                _ => $"PostgreSQL error {pg.SqlState}",
            },
            NpgsqlException { IsTransient: true } => "the database server cannot be reached or timed out",
            _ => "PostgreSQL client error",
        };
        return new StorageException($"Could not {what} in PostgreSQL: {why} ({ex.Message}).", ex);
    }
}
