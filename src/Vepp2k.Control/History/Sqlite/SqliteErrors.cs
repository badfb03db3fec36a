using Microsoft.Data.Sqlite;

namespace Vepp2k.Control.History.Sqlite;

/// <summary>Names the SQLite failures an operator can act on (disk full, locked, corrupt) in plain words.</summary>
internal static class SqliteErrors
{
    public static StorageException Wrap(string what, string path, SqliteException ex)
    {
        // Primary result code: the low byte of the extended code.
        string why = (ex.SqliteErrorCode & 0xFF) switch
        {
            5 or 6 => "the database is locked by another process or connection (busy)",
            8 => "the database is read-only (file or folder permissions, or a read-only medium)",
            10 => "a disk I/O error occurred",
            11 or 26 => "the file is corrupt or is not a SQLite database",
            13 => "the disk is full",
            14 => "the database file cannot be opened (missing folder or permissions)",
            19 => "a constraint was violated",
            _ => "SQLite error " + ex.SqliteErrorCode,
        };
        return new StorageException($"Could not {what} in '{path}': {why} ({ex.Message}).", ex);
    }
}
