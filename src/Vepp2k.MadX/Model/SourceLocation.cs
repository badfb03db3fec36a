namespace Vepp2k.MadX;

/// <summary>Where a statement or expression came from; every error and warning carries one.</summary>
internal sealed record SourceLocation(string File, int Line)
{
    /// <summary>Location used for errors caused by API calls rather than by input text.</summary>
    public static readonly SourceLocation Api = new("<api>", 0);
}
