namespace Vepp2k.MadX;

/// <summary>A non-fatal remark about the input, e.g. a command the reader does not execute.</summary>
public sealed record MadxDiagnostic(string File, int Line, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}: {Message}";
}
