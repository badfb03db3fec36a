namespace Vepp2k.MadX;

/// <summary>
/// Entry point: reads MAD-X lattice input into a <see cref="MadxDocument"/>.
/// Any problem with the input is reported as a <see cref="MadxException"/> carrying file and line.
/// </summary>
public static class MadxReader
{
    /// <summary>Reads a file, following CALL statements relative to the calling file.</summary>
    public static MadxDocument ParseFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var session = new ParseSession();
        session.ParseFile(path, calledFrom: null);
        return new MadxDocument(session.Finish());
    }

    /// <summary>Reads MAD-X text.</summary>
    /// <param name="text">The input.</param>
    /// <param name="sourceName">Name used as the file in errors and warnings.</param>
    /// <param name="baseDirectory">Directory for relative CALL file names; the current directory if null.</param>
    public static MadxDocument ParseText(string text, string sourceName = "<input>", string? baseDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(sourceName);
        var session = new ParseSession();
        session.ParseText(text, sourceName, baseDirectory);
        return new MadxDocument(session.Finish());
    }
}
