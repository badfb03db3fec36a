using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Vepp2k.Control.History.Sqlite;

/// <summary>
/// The default store: one SQLite file (<c>control.db</c>) in the data folder.
/// Durability: WAL journal with synchronous=FULL, so a call that returned has its transaction
/// fsynced and survives kill -9 or power loss.
/// Threads: one connection guarded by one lock, so every call (archiver batches, web reads) runs
/// alone. SQLite allows one writer anyway; serialising readers too keeps one prepared sample insert
/// reusable and costs little, because the archiver queues samples while a read runs.
/// </summary>
public sealed class SqliteControlStore : SqlControlStore
{
    public const string FileName = "control.db";

    private readonly Lock _gate = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _insertSample;
    private readonly string _path;
    private bool _disposed;

    /// <summary>Opens (creating or migrating) <c>control.db</c> in <paramref name="dataFolder"/>.</summary>
    public SqliteControlStore(string dataFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataFolder);
        _path = Path.GetFullPath(Path.Combine(dataFolder, FileName));
        try
        {
            Directory.CreateDirectory(dataFolder);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException($"Cannot use '{dataFolder}' as the data folder: {ex.Message}", ex);
        }
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = 10, // seconds to wait for another process's write lock before "locked"
        }.ToString());
        try
        {
            _connection.Open();
            Pragma("journal_mode = WAL", "wal");
            Pragma("synchronous = FULL", null);
            Pragma("foreign_keys = ON", null);
            SqliteSchema.Migrate(_connection, _path);
            _insertSample = _connection.CreateCommand();
            _insertSample.CommandText = "INSERT INTO samples (channel, time_us, value, severity) VALUES ($c, $t, $v, $s)";
            _insertSample.Parameters.Add("$c", SqliteType.Text);
            _insertSample.Parameters.Add("$t", SqliteType.Integer);
            _insertSample.Parameters.Add("$v", SqliteType.Real);
            _insertSample.Parameters.Add("$s", SqliteType.Integer);
        }
        catch (SqliteException ex)
        {
            _connection.Dispose();
            throw SqliteErrors.Wrap("open the database", _path, ex);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    protected override string LikeOperator => "LIKE";

    /// <summary>One transaction, one reused prepared INSERT: the archiver's hot path.</summary>
    public override void AppendSamples(IReadOnlyList<ArchiveSample> batch)
    {
        StoreInput.Samples(batch);
        if (batch.Count == 0) return;
        Write("append samples", (c, tx) =>
        {
            _insertSample.Transaction = (SqliteTransaction)tx;
            var p = _insertSample.Parameters;
            foreach (var s in batch)
            {
                p[0].Value = s.Channel;
                p[1].Value = UnixMicros.From(s.Time);
                p[2].Value = s.Value;
                p[3].Value = s.Severity;
                _insertSample.ExecuteNonQuery();
            }
            return 0;
        });
    }

    protected override T Read<T>(string what, Func<DbConnection, T> query)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                return query(_connection);
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Wrap(what, _path, ex);
            }
        }
    }

    protected override T Write<T>(string what, Func<DbConnection, DbTransaction, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            try
            {
                // BEGIN IMMEDIATE (the default here): the write lock is taken up front, not on first write.
                using var tx = _connection.BeginTransaction();
                var result = work(_connection, tx);
                tx.Commit();
                return result;
            }
            catch (SqliteException ex)
            {
                throw SqliteErrors.Wrap(what, _path, ex);
            }
        }
    }

    public override void Dispose()
    {
        lock (_gate)
        {
            if (_disposed) return;
            _disposed = true;
            _insertSample.Dispose();
            _connection.Dispose();
        }
    }

    private void Pragma(string pragma, string? expect)
    {
        using var cmd = _connection.CreateCommand();
        cmd.CommandText = "PRAGMA " + pragma;
        var answer = cmd.ExecuteScalar()?.ToString();
        if (expect is not null && !string.Equals(answer, expect, StringComparison.OrdinalIgnoreCase))
            throw new StorageException($"Database '{_path}': PRAGMA {pragma} answered '{answer}' (the file system may not support it).");
    }
}
