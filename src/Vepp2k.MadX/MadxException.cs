namespace Vepp2k.MadX;

/// <summary>
/// The only exception the reader throws for bad input: every syntax, semantic and resource-limit
/// error carries the file and line it came from, so a physicist can find the offending statement.
/// </summary>
public sealed class MadxException : Exception
{
    /// <summary>Creates an error located at <paramref name="file"/>:<paramref name="line"/>.</summary>
    public MadxException(string file, int line, string reason)
        : base($"{file}:{line}: {reason}")
    {
        File = file;
        Line = line;
        Reason = reason;
    }

    internal MadxException(SourceLocation at, string reason) : this(at.File, at.Line, reason)
    {
    }

    /// <summary>Source file (or the name given to <see cref="MadxReader.ParseText"/>); "&lt;api&gt;" for API misuse.</summary>
    public string File { get; }

    /// <summary>1-based line; 0 when the error concerns a whole file or an API call.</summary>
    public int Line { get; }

    /// <summary>The message without the location prefix.</summary>
    public string Reason { get; }
}
