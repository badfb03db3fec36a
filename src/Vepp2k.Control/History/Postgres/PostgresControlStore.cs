using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Vepp2k.Control.History.Postgres;

/// <summary>
/// The store for a facility database. Every call takes its own pooled connection from one
/// <see cref="NpgsqlDataSource"/>, so threads never share a connection and need no lock here;
/// the server serialises what must be serialised. A call returns after its COMMIT, which the server
/// has made durable (synchronous_commit on, the default).
/// </summary>
public sealed class PostgresControlStore : SqlControlStore
{
    private readonly NpgsqlDataSource _source;

    public PostgresControlStore(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        try
        {
            _source = NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new StorageException($"The PostgreSQL connection string is invalid: {ex.Message}", ex);
        }
        try
        {
            using var connection = _source.OpenConnection();
            PostgresSchema.Migrate(connection);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
        {
            _source.Dispose();
            throw PostgresErrors.Wrap("open the database", ex);
        }
        catch
        {
            _source.Dispose();
            throw;
        }
    }

    protected override string LikeOperator => "ILIKE";

    /// <summary>Binary COPY inside a transaction: the batch is all there or not at all.</summary>
    public override void AppendSamples(IReadOnlyList<ArchiveSample> batch)
    {
        StoreInput.Samples(batch);
        if (batch.Count == 0) return;
        Write("append samples", (c, tx) =>
        {
            using var copy = ((NpgsqlConnection)c).BeginBinaryImport(
                "COPY samples (channel, time_us, value, severity) FROM STDIN (FORMAT BINARY)");
            foreach (var s in batch)
            {
                copy.StartRow();
                copy.Write(s.Channel, NpgsqlDbType.Text);
                copy.Write(UnixMicros.From(s.Time), NpgsqlDbType.Bigint);
                copy.Write(s.Value, NpgsqlDbType.Double);
                copy.Write(s.Severity, NpgsqlDbType.Integer);
            }
            return copy.Complete();
        });
    }

    protected override void LockWorkingSetName(DbConnection connection, DbTransaction tx, string name) =>
        Execute(connection, tx, "SELECT pg_advisory_xact_lock(hashtext(@n))", ("@n", name));

    protected override T Read<T>(string what, Func<DbConnection, T> query)
    {
        try
        {
            using var connection = _source.OpenConnection();
            return query(connection);
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException and not ObjectDisposedException)
        {
            throw PostgresErrors.Wrap(what, ex);
        }
    }

    protected override T Write<T>(string what, Func<DbConnection, DbTransaction, T> work)
    {
        try
        {
            using var connection = _source.OpenConnection();
            using var tx = connection.BeginTransaction();
            var result = work(connection, tx);
            tx.Commit();
            return result;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException and not ObjectDisposedException)
        {
            throw PostgresErrors.Wrap(what, ex);
        }
    }

    public override void Dispose() => _source.Dispose();
}
