using Vepp2k.Control.History;

namespace Vepp2k.Control.Tests.Core;

/// <summary>
/// Defining and deleting user groups are control-core operations, as setting elements is: the same
/// rights for every interface, one event each, applied or refused.
/// </summary>
public class GroupOperationTests
{
    [Fact]
    public async Task Groups_are_defined_and_deleted_through_the_core_with_rights_and_events()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        Assert.False(core.DefineGroup(ControlRig.Viewer, "pair", ["1F1", "4F1"]).Applied);
        Assert.Null(core.Groups.Find("pair"));
        Assert.False(core.DefineGroup(ControlRig.Operator, "pair", ["1F1", "NOPE"]).Applied);
        Assert.True(core.DefineGroup(ControlRig.Operator, "pair", ["1F1", "4F1"]).Applied);
        Assert.Equal(["1F1", "4F1"], core.Groups.Find("pair")!.Members);
        Assert.False(core.DeleteGroup(ControlRig.Viewer, "pair").Applied);
        Assert.True(core.DeleteGroup(ControlRig.Operator, "pair").Applied);
        Assert.Null(core.Groups.Find("pair"));
        Assert.False(core.DeleteGroup(ControlRig.Operator, "pair").Applied);

        var events = rig.Events(EventKind.Operator).Where(e => e.Subject == "group/pair").ToList();
        Assert.Equal(6, events.Count);
        Assert.Equal(4, events.Count(e => e.Result.StartsWith("refused", StringComparison.Ordinal)));
        Assert.Contains(events, e => e.User == "victor" && e.Result.Contains("may not define groups"));
    }
}
