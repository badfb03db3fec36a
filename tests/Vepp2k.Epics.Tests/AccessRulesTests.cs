using System.Net;
using CsCheck;
using Vepp2k.Control.History;
using Vepp2k.Epics.Access;

namespace Vepp2k.Epics.Tests;

public class AccessRulesTests
{
    private const string Rules = """
        # operators on the control-room consoles, experts anywhere in ops
        HAG ops { 127.0.0.1, 10.0.0.5,
                  console1 }
        UAG operators { alice, bob }
        UAG experts { carol }
        RULE operators ops Operator
        RULE experts ops Expert
        RULE * ops Viewer
        DEFAULT Viewer
        """;

    [Theory]
    [InlineData("alice", "x", "127.0.0.1", Role.Operator)]
    [InlineData("alice", "console1", "192.168.1.1", Role.Operator)]
    [InlineData("alice", "CONSOLE1", "192.168.1.1", Role.Operator)]
    [InlineData("carol", "", "10.0.0.5", Role.Expert)]
    [InlineData("carol", "", "::ffff:10.0.0.5", Role.Expert)]
    [InlineData("dave", "console1", "10.0.0.5", Role.Viewer)]
    [InlineData("alice", "elsewhere", "192.168.1.1", Role.Viewer)]
    // A declared host name that looks like an address does not match: addresses match the real peer only.
    [InlineData("alice", "127.0.0.1", "192.168.1.1", Role.Viewer)]
    public void Best_matching_rule_wins(string user, string host, string peer, Role expected) =>
        Assert.Equal(expected, AccessRules.Parse(Rules).RoleFor(user, host, IPAddress.Parse(peer)));

    [Theory]
    [InlineData("HAG { a }", "line 1")]
    [InlineData("RULE nobody * Operator", "no group 'nobody'")]
    [InlineData("DEFAULT Wizard", "not a role")]
    [InlineData("UAG u { a", "found the end")]
    [InlineData("UAG u { a }\nUAG u { b }", "line 2: group u is defined twice")]
    [InlineData("PERMIT all", "expected HAG")]
    public void Mistakes_name_the_line(string text, string message) =>
        Assert.Contains(message, Assert.Throws<FormatException>(() => AccessRules.Parse(text)).Message);

    [Fact]
    public void Default_rules_let_local_clients_operate() =>
        Assert.Equal((Role.Operator, Role.Viewer),
            (AccessRules.LocalOperators.RoleFor("", "", IPAddress.Loopback), AccessRules.LocalOperators.RoleFor("", "", IPAddress.Parse("10.0.0.1"))));

    [Fact]
    public void Parser_never_fails_other_than_with_a_format_error()
    {
        string[] vocabulary = ["HAG", "UAG", "RULE", "DEFAULT", "{", "}", ",", "*", "a", "ops", "Operator", "\n", "#", "Viewer"];
        var words = Gen.Int[0, vocabulary.Length - 1].Select(i => vocabulary[i]);
        Gen.OneOf(words.Array[0, 30].Select(w => string.Join(" ", w)), Gen.String).Sample(text =>
        {
            try { AccessRules.Parse(text); }
            catch (FormatException) { }
        }, iter: 20_000);
    }
}
