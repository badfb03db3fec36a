namespace Vepp2k.Machine.Ring;

/// <summary>
/// The rule that makes VEPP-2000 names legal for MAD-X and pyAT, whose parsers take a name only if
/// it starts with a letter: a name that starts with anything else gets the prefix "v_" (1F1 is
/// written v_1F1, the third piece of 1S1 v_1S1.003). Names that already start with a letter are
/// unchanged, so the rule maps back without ambiguity: strip "v_" where a non-letter follows it.
/// </summary>
public static class MadxNames
{
    private const string Prefix = "v_";

    public static string ToMadx(string name) => name.Length > 0 && char.IsAsciiLetter(name[0]) ? name : Prefix + name;

    public static string FromMadx(string name) =>
        name.Length > Prefix.Length && name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) && !char.IsAsciiLetter(name[Prefix.Length])
            ? name[Prefix.Length..]
            : name;
}
