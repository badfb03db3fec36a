using Microsoft.Data.Sqlite;
using Vepp2k.Control.History;
using Vepp2k.Control.History.Sqlite;

namespace Vepp2k.Control.Tests.History;

/// <summary>The store contract on SQLite in a temporary folder, plus what only a file database can get wrong.</summary>
public sealed class SqliteControlStoreTests : ControlStoreContract
{
    private readonly TempFolder _folder = new();

    protected override IControlStore CreateStore() => new SqliteControlStore(_folder.Path);

    protected override IControlStore Reopen() => new SqliteControlStore(_folder.Path);

    /// <summary>The data folder path names an existing file, so no folder (and no database) can be made there.</summary>
    protected override void OpenUnusableStorage()
    {
        Directory.CreateDirectory(_folder.Path);
        string file = System.IO.Path.Combine(_folder.Path, "not-a-folder");
        File.WriteAllText(file, "x");
        using var store = new SqliteControlStore(file);
    }

    public override void Dispose()
    {
        base.Dispose();
        _folder.Dispose();
    }

    private string DbPath => System.IO.Path.Combine(_folder.Path, SqliteControlStore.FileName);

    [Fact]
    public void A_file_that_is_not_a_database_is_reported_as_corrupt()
    {
        Directory.CreateDirectory(_folder.Path);
        File.WriteAllBytes(DbPath, [.. Enumerable.Range(0, 8192).Select(i => (byte)(i * 37))]);
        var ex = Assert.Throws<StorageException>(() => new SqliteControlStore(_folder.Path));
        Assert.Contains("corrupt", ex.Message);
    }

    [Fact]
    public void A_database_from_a_newer_program_is_refused_not_damaged()
    {
        new SqliteControlStore(_folder.Path).Dispose();
        Sql("INSERT INTO schema_version (version) VALUES (99)");
        var ex = Assert.Throws<StorageException>(() => new SqliteControlStore(_folder.Path));
        Assert.Contains("schema version 99", ex.Message);
    }

    [Fact]
    public void The_file_is_in_WAL_mode_with_the_schema_version_recorded()
    {
        new SqliteControlStore(_folder.Path).Dispose();
        Assert.Equal("wal", Sql("PRAGMA journal_mode"));
        Assert.Equal("1", Sql("SELECT MAX(version) FROM schema_version"));
    }

    [Fact]
    public void The_database_itself_refuses_to_change_a_saved_working_set()
    {
        using (var store = new SqliteControlStore(_folder.Path))
            store.SaveWorkingSet(new("w", 0, DateTimeOffset.UnixEpoch, "a", "c", [], [new("X", 1, "quads")]));
        var ex = Assert.Throws<SqliteException>(() => Sql("UPDATE working_set_items SET value = 2"));
        Assert.Contains("immutable", ex.Message);
        Assert.Throws<SqliteException>(() => Sql("DELETE FROM working_sets"));
    }

    private string? Sql(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={DbPath};Pooling=False");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar()?.ToString();
    }
}
