using System.Text.RegularExpressions;
using Vepp2k.Control.History;

namespace Vepp2k.Epics.Access;

/// <summary>
/// Reads the access-rules text:
/// <code>
/// HAG ops { 127.0.0.1, console1 }     # host group
/// UAG operators { alice, bob }        # user group
/// RULE operators ops Operator         # user group (or *), host group (or *), role
/// DEFAULT Viewer                      # role when no rule matches
/// </code>
/// '#' starts a comment; a group's list may span lines.
/// </summary>
internal static partial class AccessRulesParser
{
    [GeneratedRegex(@"[{},]|[^\s{},#]+")]
    private static partial Regex Token();

    public static AccessRules Parse(string text)
    {
        var tokens = Tokenize(text);
        var hosts = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var users = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var rules = new List<(string, string, Role)>();
        var fallback = Role.Viewer;
        int i = 0;
        while (i < tokens.Count)
        {
            var (word, line) = tokens[i++];
            switch (word.ToUpperInvariant())
            {
                case "HAG": ReadGroup(tokens, ref i, line, hosts, StringComparer.OrdinalIgnoreCase); break;
                case "UAG": ReadGroup(tokens, ref i, line, users, StringComparer.Ordinal); break;
                case "RULE":
                    string u = Next(tokens, ref i, line, "a user group"), h = Next(tokens, ref i, line, "a host group");
                    Known(u, users, line);
                    Known(h, hosts, line);
                    rules.Add((u, h, ReadRole(Next(tokens, ref i, line, "a role"), line)));
                    break;
                case "DEFAULT": fallback = ReadRole(Next(tokens, ref i, line, "a role"), line); break;
                default: throw new FormatException($"line {line}: expected HAG, UAG, RULE or DEFAULT, found '{word}'");
            }
        }
        return new AccessRules(hosts, users, rules, fallback);
    }

    private static List<(string Word, int Line)> Tokenize(string text)
    {
        var tokens = new List<(string, int)>();
        var lines = text.Split('\n');
        for (int n = 0; n < lines.Length; n++)
        {
            string content = lines[n].Split('#')[0];
            foreach (Match m in Token().Matches(content)) tokens.Add((m.Value, n + 1));
        }
        return tokens;
    }

    private static void ReadGroup(List<(string Word, int Line)> tokens, ref int i, int line,
        Dictionary<string, HashSet<string>> groups, StringComparer comparer)
    {
        string name = Next(tokens, ref i, line, "a group name");
        if (!IsName(name) || name == "*") throw new FormatException($"line {line}: '{name}' is not a group name");
        if (Next(tokens, ref i, line, "'{'") != "{") throw new FormatException($"line {line}: expected '{{' after {name}");
        var members = new HashSet<string>(comparer);
        while (true)
        {
            string item = Next(tokens, ref i, line, "'}'");
            if (item == "}") break;
            if (item == ",") continue;
            if (!IsName(item)) throw new FormatException($"line {line}: unexpected '{item}' in group {name}");
            members.Add(item);
        }
        if (!groups.TryAdd(name, members)) throw new FormatException($"line {line}: group {name} is defined twice");
    }

    private static string Next(List<(string Word, int Line)> tokens, ref int i, int line, string what) =>
        i < tokens.Count ? tokens[i++].Word : throw new FormatException($"line {line}: expected {what}, found the end");

    private static bool IsName(string word) => word is not ("{" or "}" or ",");

    private static void Known(string group, Dictionary<string, HashSet<string>> groups, int line)
    {
        if (group != "*" && !groups.ContainsKey(group)) throw new FormatException($"line {line}: no group '{group}' defined before this rule");
    }

    private static Role ReadRole(string word, int line) =>
        Enum.TryParse<Role>(word, ignoreCase: true, out var role) && Enum.IsDefined(role)
            ? role
            : throw new FormatException($"line {line}: '{word}' is not a role ({string.Join(", ", Enum.GetNames<Role>())})");
}
