using Vepp2k.Control.Energy;
using Vepp2k.Control.Operations;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Control.Tests.Core;

public class EnergyAndModelChannelTests
{
    [Fact]
    public async Task TheRunningMachinePublishesItsEnergyAndOptics()
    {
        await using var rig = new ControlRig();
        rig.Run(1.1);
        // 8 probes at the 1 GeV dipole current: the NMR energy is the design energy (1e-5 covers the 1 ppm probe noise).
        Assert.Equal(1000, rig.Value("VEPP/Energy/Energy_NMR"), 1000 * 1e-5);
        Assert.Equal(1.0, rig.Value("VEPP/Energy/dEnergy"), 0.01);   // uncalibrated: 1e-3 of E
        // The online model on the readbacks reproduces the design optics computed directly.
        Assert.Equal("ok", rig.Channel("VEPP/Model/Status").Snapshot().Value.Text);
        var design = RingOptics.Compute(Modes.Load("design-1GeV").Lattice);
        Assert.Equal(design.Linear.Tunes[0], rig.Value("VEPP/Model/NuX"), 1e-3);
        Assert.Equal(design.Linear.Tunes[1], rig.Value("VEPP/Model/NuY"), 1e-3);
        Assert.Equal(0.10, rig.Value("VEPP/Model/SND/BetaX"), 2e-3);
        Assert.Equal("ok", rig.Channel("VEPP/Model/Status").Snapshot().Value.Text);
    }

    [Fact]
    public async Task CalibrationEntriesPersistAndCorrectTheEnergy()
    {
        await using var rig = new ControlRig();
        rig.Run(0.2);
        double nmr = rig.Value("VEPP/Energy/Energy_NMR") * 1e6;
        var entry = new EnergyCalibrationEntry(CalibrationMethod.ResonantDepolarization, nmr * (1 - 2e-4), 5e3, nmr, "alice", rig.Clock.GetUtcNow());
        var added = rig.System.Calibration.Add(entry);
        Assert.True(added.Accepted, added.Reason);
        rig.Run(0.2);
        Assert.Equal(rig.Value("VEPP/Energy/Energy_NMR") * (1 - 2e-4), rig.Value("VEPP/Energy/Energy"), 1e-3);
        var reloaded = new CalibrationTable(rig.System.Options.DataFolder);
        Assert.Single(reloaded.Calibration.Entries);
        Assert.Equal(entry.ReferenceEnergyEv, reloaded.Calibration.Entries[0].ReferenceEnergyEv);
        var bad = entry with { ReferenceEnergyEv = double.NaN };
        Assert.False(rig.System.Calibration.Add(bad).Accepted);
        Assert.Single(new CalibrationTable(rig.System.Options.DataFolder).Calibration.Entries);
    }

    [Fact]
    public async Task TheModelFollowsAGroupChangeAsTheOfflineOpticsPredicts()
    {
        await using var rig = new ControlRig();
        Assert.True(rig.System.Core.Apply(ControlRig.Operator, "quads-D1", GroupOperation.Scale, 1.02, Units.Physics).Applied);
        rig.Run(10);
        // Offline: the design ring with every D1 quad 2% stronger, computed directly.
        var design = ModeDesigns.Setting("design-1GeV");
        var changed = design with { Quadrants = [.. design.Quadrants.Select(q => q with { D1 = q.D1 * 1.02 })] };
        var expected = RingOptics.Compute(SolenoidFieldOptics.Apply(RingBuilder.Build(RingDesign.Geometry, changed, "design-1GeV"), MagnetCatalogue.Default));
        Assert.Equal("ok", rig.Channel("VEPP/Model/Status").Snapshot().Value.Text);
        Assert.Equal(expected.Linear.Tunes[0], rig.Value("VEPP/Model/NuX"), 1e-3);
        Assert.Equal(expected.Linear.Tunes[1], rig.Value("VEPP/Model/NuY"), 1e-3);
        var before = RingOptics.Compute(Modes.Load("design-1GeV").Lattice);
        double moved = Math.Abs(expected.Linear.Tunes[0] - before.Linear.Tunes[0]) + Math.Abs(expected.Linear.Tunes[1] - before.Linear.Tunes[1]);
        Assert.True(moved > 3e-3, $"the change ({moved:G3}) must be visible above the tolerance");
    }
}

public class FeedbackAndSplitTests
{
    [Fact]
    public async Task TheFeedbackBringsTheMeasuredEnergyToItsTarget()
    {
        await using var rig = new ControlRig();
        rig.Run(0.5);
        Assert.True(rig.Channel("VEPP/Energy/Target").Write(Vepp2k.Control.Channels.ChannelValue.Of(998.0), ControlRig.Operator).Applied);
        Assert.True(rig.Channel("VEPP/Energy/Feedback").Write(Vepp2k.Control.Channels.ChannelValue.OfEnum(1), ControlRig.Operator).Applied);
        rig.Run(120);
        // The NMR energy carries 1 ppm noise per probe: within 20 keV of 998 MeV is on target.
        Assert.Equal(998.0, rig.Value("VEPP/Energy/Energy"), 0.02);
        Assert.Contains(rig.Events(Vepp2k.Control.History.EventKind.Operator), e => e.User == "energy-feedback" && e.Subject == "VEPP/PS/SetCur");
    }

    [Fact]
    public async Task AServerOfSomeSubsystemsPublishesOnlyTheirChannels()
    {
        string folder = Path.Combine(Path.GetTempPath(), "vepp2k-split-" + Guid.NewGuid().ToString("N"));
        await using var system = Runtime.ControlSystem.Start(new Runtime.ControlSystemOptions
        {
            DataFolder = folder, AdminPassword = "admin-password", Subsystems = ["quads", "solenoids"],
        }, new ManualTimeProvider());
        Assert.NotNull(system.Registry.Find("VEPP/QUAD/1F1/SCur"));
        Assert.NotNull(system.Registry.Find("VEPP/SOL/1S1/SCur"));
        Assert.Null(system.Registry.Find("VEPP/PS/SetCur"));
        Assert.Null(system.Registry.Find("VEPP/UM/1/F1X/SetCur"));
        Assert.Null(system.Registry.Find("VEPP/Energy/Energy"));
    }
}
