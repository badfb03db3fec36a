using Vepp2k.Control.History;
using Vepp2k.Control.Operations;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.Tests.Core;

/// <summary>
/// One rule for the names operators give, enforced by the core before anything is stored: a name
/// that cannot be used again in a URL path ('/'), a "name:version" reference (':') or a console
/// table (control characters, 10,000 characters) is refused, whoever asks.
/// </summary>
public class OperatorNameTests
{
    [Theory]
    [InlineData("golden")]
    [InlineData("round 1 GeV")]
    [InlineData("my-pair_2.1+(test)")]
    [InlineData("Режим 510 МэВ")]
    [InlineData("x")]
    public void Ordinary_names_are_accepted(string name) => Assert.Null(OperatorName.Problem(name, "name"));

    [Fact]
    public void Sixty_four_characters_fit_and_sixty_five_do_not()
    {
        Assert.Null(OperatorName.Problem(new string('a', 64), "name"));
        Assert.NotNull(OperatorName.Problem(new string('a', 65), "name"));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" golden")]
    [InlineData("golden ")]
    [InlineData("round/1")]
    [InlineData("round:1")]
    [InlineData("a,b")]
    [InlineData("tab\there")]
    [InlineData("line\nbreak")]
    [InlineData("what?")]
    [InlineData("50%")]
    public void Names_that_break_paths_references_or_tables_are_refused(string name) =>
        Assert.Contains("1-64 letters", OperatorName.Problem(name, "name"));

    [Fact]
    public void A_huge_name_is_refused_without_being_echoed_whole()
    {
        string reason = OperatorName.Problem(new string('x', 10_000), "working-set name")!;
        Assert.Contains("10000 characters", reason);
        Assert.True(reason.Length < 300, reason);
    }

    [Fact]
    public async Task A_working_set_with_a_bad_name_or_tag_is_not_stored_by_save_or_import()
    {
        await using var rig = new ControlRig();
        var sets = rig.System.WorkingSets;
        Assert.Throws<ArgumentException>(() => sets.Save(ControlRig.Operator, "round/1", "", []));
        Assert.Throws<ArgumentException>(() => sets.Save(ControlRig.Operator, new string('x', 10_000), "", []));
        Assert.Throws<ArgumentException>(() => sets.Save(ControlRig.Operator, "ok", "", ["bad\ntag"]));
        var good = sets.Save(ControlRig.Operator, "golden", "", ["golden"]);
        Assert.Throws<ArgumentException>(() => sets.Import(ControlRig.Operator, good with { Name = "imported/1" }));
        Assert.Equal(["golden"], rig.System.Store.ListWorkingSets().Select(s => s.Name));
        Assert.DoesNotContain(rig.Events(EventKind.Operator), e => e.Subject.StartsWith("workingset/", StringComparison.Ordinal) && e.Subject != "workingset/golden");
    }

    [Fact]
    public async Task Names_stored_before_the_rule_stay_readable()
    {
        await using var rig = new ControlRig();
        var store = rig.System.Store;
        var legacy = rig.System.WorkingSets.Save(ControlRig.Operator, "golden", "", []) with { Name = "old/style" };
        store.SaveWorkingSet(legacy);
        store.SaveGroup(new GroupRecord("old/group", ["1F1"], "alice", DateTimeOffset.UnixEpoch));
        Assert.Contains(store.ListWorkingSets(), s => s.Name == "old/style");
        Assert.NotNull(store.LoadWorkingSet("old/style", null));
        Assert.Equal(["1F1"], rig.System.Core.Groups.Find("old/group")!.Members);
    }

    [Fact]
    public async Task Groups_and_users_follow_the_same_rule()
    {
        await using var rig = new ControlRig();
        Assert.Contains("1-64 letters", rig.System.Core.Groups.Define("pair/1", ["1F1"], "alice", DateTimeOffset.UnixEpoch));
        Assert.Null(rig.System.Core.Groups.Find("pair/1"));
        Assert.Null(rig.System.Core.Groups.Define("pair (1F1+4F1)", ["1F1", "4F1"], "alice", DateTimeOffset.UnixEpoch));
        Assert.Contains("1-64 letters", rig.System.Users.Save("bob/1", Role.Operator, "long-enough"));
        Assert.Null(rig.System.Store.FindUser("bob/1"));
    }
}
