using Vepp2k.Control.Channels;
using Vepp2k.Control.Energy;
using Vepp2k.Control.History;
using Vepp2k.Control.WorkingSets;

namespace Vepp2k.Control.Tests.Core;

/// <summary>
/// Entering a calibration and importing a working set are control-core operations: the core's one
/// rights policy, one event whatever the outcome, nothing changed on a refusal. Driven here through
/// the core with no HTTP in between, as a CA or VCAS adapter would.
/// </summary>
public class OperatorActionTests
{
    [Fact]
    public async Task Calibration_entry_is_authorized_checked_and_logged_by_the_core()
    {
        await using var rig = new ControlRig();
        var entry = rig.System.CalibrationEntry;
        var table = rig.System.Calibration.Calibration;

        var denied = entry.Enter(ControlRig.Viewer, CalibrationMethod.PhiMesonMass, 509.8e6, 0.02e6, 510e6, "");
        Assert.False(denied.Applied);
        Assert.True(denied.Denied);
        Assert.Empty(table.Entries);

        // 2 % off the NMR energy is a unit or typing error, not a calibration: refused by the table's rule.
        var refused = entry.Enter(ControlRig.Operator, CalibrationMethod.PhiMesonMass, 520e6, 0.02e6, 510e6, "");
        Assert.False(refused.Applied);
        Assert.False(refused.Denied);
        Assert.Empty(table.Entries);

        var accepted = entry.Enter(ControlRig.Operator, CalibrationMethod.PhiMesonMass, 509.8e6, 0.02e6, 510e6, "phi scan");
        Assert.True(accepted.Applied, accepted.Message);
        var stored = Assert.Single(table.Entries);
        Assert.Equal(509.8e6, stored.ReferenceEnergyEv);
        Assert.Equal(ControlRig.Operator.User, stored.Author);

        var events = rig.Events(EventKind.Operator).Where(e => e.Subject == CalibrationEntryOperation.Subject).ToList();
        Assert.Equal(3, events.Count);
        Assert.Equal(2, events.Count(e => e.Result.StartsWith("refused", StringComparison.Ordinal)));
        Assert.Contains(events, e => e.User == ControlRig.Viewer.User && e.Result.Contains("may not enter calibrations"));
    }

    [Fact]
    public async Task Working_set_import_by_a_viewer_is_refused_and_logged_and_stores_nothing()
    {
        await using var rig = new ControlRig();
        var set = new WorkingSet("imported", 0, DateTimeOffset.UnixEpoch, "someone", "", [], [new WorkingSetItem("VEPP/Quad/1F1/SetCur", 100, "Quadrupoles")]);
        Assert.Throws<UnauthorizedAccessException>(() => rig.System.WorkingSets.Import(ControlRig.Viewer, set));
        Assert.DoesNotContain(rig.System.Store.ListWorkingSets(), s => s.Name == "imported");
        var refusal = Assert.Single(rig.Events(EventKind.Operator), e => e.Subject == "workingset/imported");
        Assert.Contains("may not import working sets", refusal.Result);

        var saved = rig.System.WorkingSets.Import(ControlRig.Operator, set);
        Assert.Equal(1, saved.Version);
        Assert.Equal(2, rig.Events(EventKind.Operator).Count(e => e.Subject == "workingset/imported"));
    }

    [Fact]
    public async Task Users_are_managed_by_admins_only_through_the_core_and_passwords_never_reach_the_log()
    {
        await using var rig = new ControlRig();
        var admin = new WriteContext("admin", Role.Admin, "test");
        var users = rig.System.UserAdministration;
        var denied = users.Save(ControlRig.Operator, "bob", Role.Expert, "secret-password-1");
        Assert.True(denied.Denied);
        Assert.Null(rig.System.Users.Authenticate("bob", "secret-password-1"));
        var refused = users.Save(admin, "bob", Role.Expert, "short");
        Assert.False(refused.Applied);
        Assert.False(refused.Denied);
        Assert.True(users.Save(admin, "bob", Role.Expert, "secret-password-1").Applied);
        Assert.Equal(Role.Expert, rig.System.Users.Authenticate("bob", "secret-password-1"));

        var events = rig.Events(EventKind.Operator).Where(e => e.Subject == "user/bob").ToList();
        Assert.Equal(3, events.Count);
        Assert.Contains(events, e => e.User == ControlRig.Operator.User && e.Result.Contains("may not manage users"));
        Assert.DoesNotContain(events, e => $"{e.Message} {e.OldValue} {e.NewValue} {e.Result}".Contains("secret-password-1"));
    }
}
