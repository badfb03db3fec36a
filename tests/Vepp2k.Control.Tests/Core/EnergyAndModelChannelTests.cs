using Vepp2k.Control.Energy;
using Vepp2k.Control.Operations;
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
        var design = RingOptics.Compute(ModeDesigns.Build("design-1GeV").Lattice);
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
        var entry = new EnergyCalibrationEntry(CalibrationMethod.ResonantDepolarization, nmr * (1 + 2e-4), 5e3, nmr, "alice", rig.Clock.GetUtcNow());
        Assert.True(rig.System.Calibration.Add(entry).Accepted);
        rig.Run(0.2);
        Assert.Equal(rig.Value("VEPP/Energy/Energy_NMR") * (1 + 2e-4), rig.Value("VEPP/Energy/Energy"), 1e-3);
        var reloaded = new CalibrationTable(rig.System.Options.DataFolder);
        Assert.Single(reloaded.Calibration.Entries);
        Assert.Equal(entry.ReferenceEnergyEv, reloaded.Calibration.Entries[0].ReferenceEnergyEv);
        var bad = entry with { ReferenceEnergyEv = double.NaN };
        Assert.False(rig.System.Calibration.Add(bad).Accepted);
        Assert.Single(new CalibrationTable(rig.System.Options.DataFolder).Calibration.Entries);
    }

    [Fact]
    public async Task StrongerFocusingRaisesTheModelTunes()
    {
        await using var rig = new ControlRig();
        rig.Run(1.1);
        double before = rig.Value("VEPP/Model/NuX") + rig.Value("VEPP/Model/NuY");
        Assert.True(rig.System.Core.Apply(ControlRig.Operator, "quads-F1", GroupOperation.Scale, 1.01, Units.Physics).Applied);
        rig.Run(10);
        Assert.True(rig.Value("VEPP/Model/NuX") + rig.Value("VEPP/Model/NuY") > before + 1e-3);
    }
}
