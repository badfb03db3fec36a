using Npgsql;

namespace Vepp2k.Control.Tests.History;

/// <summary>
/// The PostgreSQL server the tests may use: <c>VEPP2K_TEST_POSTGRES</c> holds its connection string
/// (.ci/run starts a throwaway server and sets it). Each test gets its own schema, so tests never
/// see each other's rows and need no cleanup order.
/// </summary>
internal static class PostgresTestDatabase
{
    public const string Variable = "VEPP2K_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public static string SkipReason => $"PostgreSQL tests need {Variable} to hold a connection string (.ci/run sets it when it can start a server).";

    /// <summary>A connection string whose search path is a new, empty schema.</summary>
    public static string NewSchema()
    {
        var baseString = ConnectionString ?? throw new InvalidOperationException(SkipReason);
        string schema = "t_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(baseString))
        {
            connection.Open();
            using var cmd = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
            cmd.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(baseString) { SearchPath = schema }.ToString();
    }
}

/// <summary>A fact that runs only when a PostgreSQL server is configured, and says why when it is skipped.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresTestDatabase.ConnectionString is null) Skip = PostgresTestDatabase.SkipReason;
    }
}
