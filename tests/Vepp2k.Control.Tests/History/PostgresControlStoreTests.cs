using Vepp2k.Control.History;
using Vepp2k.Control.History.Postgres;

namespace Vepp2k.Control.Tests.History;

/// <summary>The store contract on PostgreSQL, each test in its own schema; skipped without VEPP2K_TEST_POSTGRES.</summary>
public sealed class PostgresControlStoreTests : ControlStoreContract, IPostgresTests
{
    private string? _connectionString;

    private string ConnectionString => _connectionString ??= PostgresTestDatabase.NewSchema();

    protected override IControlStore CreateStore() => new PostgresControlStore(ConnectionString);

    protected override IControlStore Reopen() => new PostgresControlStore(ConnectionString);

    /// <summary>Port 1 on loopback: nothing listens there, so connecting is refused at once.</summary>
    protected override void OpenUnusableStorage()
    {
        using var store = new PostgresControlStore("Host=127.0.0.1;Port=1;Username=x;Password=x;Timeout=3");
    }
}
