namespace Vepp2k.MadX;

/// <summary>
/// State shared by all files of one read: the workspace being filled, the chain of CALLs
/// (for cycle detection and the depth limit), the sequence being defined and the STOP flag.
/// </summary>
internal sealed class ParseSession
{
    public const int MaxIncludeDepth = 16;

    private readonly List<string> _includeChain = [];

    public Workspace Workspace { get; } = new();

    /// <summary>Set by STOP/EXIT/QUIT: nothing after it is read, in any file.</summary>
    public bool Stopped { get; private set; }

    /// <summary>The sequence between SEQUENCE and ENDSEQUENCE, if any.</summary>
    public SequenceDef? OpenSequence { get; private set; }

    public void Stop() => Stopped = true;

    public void ParseText(string text, string file, string? baseDirectory) =>
        new FileParser(this, new TokenCursor(text, file), baseDirectory).Run();

    /// <summary>Reads a file; <paramref name="calledFrom"/> is the CALL statement, null for the top-level file.</summary>
    public void ParseFile(string path, SourceLocation? calledFrom)
    {
        var at = calledFrom ?? new SourceLocation(path, 0);
        string fullPath = SourceFile.FullPath(path, at);
        if (_includeChain.Contains(fullPath))
        {
            throw new MadxException(at, $"circular CALL: {string.Join(" -> ", _includeChain)} -> {fullPath}");
        }
        if (_includeChain.Count >= MaxIncludeDepth)
        {
            throw new MadxException(at, $"CALL nested deeper than {MaxIncludeDepth} files");
        }
        string text = SourceFile.Read(fullPath, at);
        _includeChain.Add(fullPath);
        try
        {
            ParseText(text, fullPath, Path.GetDirectoryName(fullPath));
        }
        finally
        {
            _includeChain.RemoveAt(_includeChain.Count - 1);
        }
    }

    public void BeginSequence(SequenceDef sequence)
    {
        if (OpenSequence is not null)
        {
            throw new MadxException(sequence.Location, $"sequence '{sequence.Name}' starts inside sequence '{OpenSequence.Name}' (missing ENDSEQUENCE?)");
        }
        OpenSequence = sequence;
    }

    public void EndSequence(SourceLocation at)
    {
        var sequence = OpenSequence ?? throw new MadxException(at, "ENDSEQUENCE without SEQUENCE");
        if (Workspace.Sequences.ContainsKey(sequence.Name)) Workspace.Warn(at, $"sequence '{sequence.Name}' redefined");
        Workspace.Sequences[sequence.Name] = sequence;
        Workspace.Changed();
        OpenSequence = null;
    }

    /// <summary>Checks the input is complete and hands over what it defined.</summary>
    public Workspace Finish()
    {
        if (OpenSequence is not null)
        {
            throw new MadxException(OpenSequence.Location, $"sequence '{OpenSequence.Name}' has no ENDSEQUENCE");
        }
        return Workspace;
    }
}
