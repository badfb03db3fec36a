namespace Vepp2k.Control.Operations;

/// <summary>
/// The one rule for names an operator gives (working sets, their tags, user groups, user names),
/// checked by the control core before anything is stored so every interface (HTTP, CLI, CA, VCAS)
/// refuses the same names with the same reason. Names end up in URL paths, CSV files, event
/// subjects and console tables: '/' would split the URL path, ':' is the version separator of
/// "name:version", ',' splits CSV tags, control characters and very long names break the console.
/// Names stored before the rule existed stay readable: only new names are checked.
/// </summary>
public static class OperatorName
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 letters, digits, spaces (not first or last) and - _ . + ( )";

    /// <summary>Null when <paramref name="name"/> is acceptable, otherwise the reason, naming <paramref name="what"/>.</summary>
    public static string? Problem(string? name, string what)
    {
        if (string.IsNullOrEmpty(name)) return $"{what} is empty; it must be {Rule}";
        bool fits = name.Length <= MaxLength && name[0] != ' ' && name[^1] != ' ' && name.All(Allowed);
        return fits ? null : $"{what} {Shown(name)} is not allowed; it must be {Rule}";
    }

    /// <summary>Throws <see cref="ArgumentException"/> with the reason when the name is not acceptable.</summary>
    public static void Check(string? name, string what)
    {
        if (Problem(name, what) is { } reason) throw new ArgumentException(reason);
    }

    private static bool Allowed(char c) => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' or '.' or '+' or '(' or ')';

    // The refusal quotes the name, but neither a 10,000-character one nor its control characters.
    private static string Shown(string name)
    {
        string visible = new([.. name.Take(MaxLength).Select(c => char.IsControl(c) ? '?' : c)]);
        return name.Length > MaxLength ? $"'{visible}...' ({name.Length} characters)" : $"'{visible}'";
    }
}
