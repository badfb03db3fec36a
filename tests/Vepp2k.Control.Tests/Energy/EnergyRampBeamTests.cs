using Vepp2k.Control.Energy;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Tests.Core;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Energy;

/// <summary>
/// The energy-ramp guard watching the simulated beams: a fault the online model cannot see (the steering
/// correctors have no element in its lattice) moves the beam's tunes or loses the beam, and the ramp is
/// held with the reason.
/// </summary>
public class EnergyRampBeamTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task Correctors_moved_during_a_ramp_shift_the_beam_tunes_the_model_cannot_see_and_the_ramp_is_held()
    {
        await using var rig = new ControlRig();
        var beam = rig.System.Beam!;
        var ramp = StartRamp(rig);
        double[] trueBefore = [.. beam.Truth!.Tunes];

        // An operator's slip: every horizontal steering winding on the F quadrupoles to +1 A mid-ramp.
        Slip(rig, ramp, MagnetKind.HorizontalCorrector, 1.0);

        Assert.Equal(RampState.Paused, ramp.State);
        Assert.True(beam.ElectronCurrent > 0, "the beam survives: the guard stopped the ramp, not a loss");
        // Simulation truth: the beam's tunes really moved beyond the bound.
        double trueMoved = EnergyRampGuard.Moved(trueBefore, beam.Truth!.Tunes);
        Assert.True(trueMoved > EnergyRampGuard.DefaultTuneBound, $"true tunes moved {trueMoved:F4}");
        var held = Assert.Single(rig.Events(), e => e.Subject == $"ramp #{ramp.Id}" && e.Message.StartsWith("ramp paused", StringComparison.Ordinal));
        Assert.Contains("measured beam tunes moved by", held.Message);

        var report = rig.System.RampRecorder.Report(ramp.Id)!;
        Assert.Equal("Paused", report.State);
        Assert.Contains("measured beam tunes moved by", Assert.Single(report.Holds));
        var first = report.Rows[0].Node;
        var last = report.Rows[^1].Node;
        double modelMoved = EnergyRampGuard.Moved(first.Model.Tunes, last.Model.Tunes);
        double beamMoved = EnergyRampGuard.Moved(first.BeamTunes, last.BeamTunes);
        output.WriteLine($"{report.Rows.Count} nodes to {last.SetEnergyEv / 1e6:F3} MeV: model tunes moved {modelMoved:E2}, measured {beamMoved:F4}, true {trueMoved:F4}; orbit rms x {first.OrbitRmsX * 1e3:F3} -> {last.OrbitRmsX * 1e3:F3} mm; {held.Message}");
        Assert.True(modelMoved < 1e-3, $"the model cannot see the correctors: its tunes moved {modelMoved:E2}");
        Assert.True(beamMoved > EnergyRampGuard.DefaultTuneBound, $"measured tunes moved {beamMoved:F4}");
        Assert.True(last.OrbitRmsX > 2 * first.OrbitRmsX, "the kicks show in the orbit");
    }

    [Fact]
    public async Task A_beam_lost_during_a_ramp_holds_it_at_one_energy_and_logs_why()
    {
        await using var rig = new ControlRig();
        var core = rig.System.Core;
        var beam = rig.System.Beam!;
        var ramp = StartRamp(rig);
        Assert.True(beam.ElectronCurrent > 0);

        // Every vertical steering winding to +2 A at once: a closed orbit far beyond the chamber.
        Slip(rig, ramp, MagnetKind.VerticalCorrector, 2.0);

        Assert.Equal(RampState.Paused, ramp.State);
        // Simulation truth: the beam is gone, and why.
        Assert.Equal(0, beam.ElectronCurrent);
        Assert.Contains("aperture", beam.LossReason);
        var held = Assert.Single(rig.Events(), e => e.Subject == $"ramp #{ramp.Id}" && e.Message.StartsWith("ramp paused", StringComparison.Ordinal));
        Assert.Contains("beam lost at", held.Message);
        Assert.Contains(beam.LossReason!, held.Message);
        Assert.Contains(rig.Events(), e => e.Subject == "VEPP/Beam" && e.Message == "beam lost");
        var report = rig.System.RampRecorder.Report(ramp.Id)!;
        Assert.Contains("beam lost at", Assert.Single(report.Holds));
        Assert.Equal(0, report.Rows[^1].Node.ElectronCurrent);
        output.WriteLine(held.Message);

        // Resumed, the ramp goes on to its end without a beam to watch (the loss is said once).
        Assert.True(core.ControlRamp(ControlRig.Operator, ramp.Id, "resume").Applied);
        for (int i = 0; i < 2000 && !ramp.Finished; i++) rig.Run(0.1);
        Assert.Equal(RampState.Completed, ramp.State);
    }

    // A ramp to 950 MeV at 5 MeV/s, running after 2.5 s.
    private static Ramp StartRamp(ControlRig rig)
    {
        var result = rig.System.Core.SetEnergy(ControlRig.Operator, 950e6, 5e6);
        Assert.True(result.Applied, result.Message);
        var ramp = rig.System.Core.FindRamp(result.RampId!.Value)!;
        rig.Run(2.5);
        Assert.Equal(RampState.Running, ramp.State);
        return ramp;
    }

    // Every steering winding of one kind set to the same current mid-ramp, then up to 5 s for the guard to hold the ramp.
    private static void Slip(ControlRig rig, Ramp ramp, MagnetKind kind, double amps)
    {
        var correctors = rig.System.Machine.Elements.Where(e => e.Model.Kind == kind).ToList();
        Assert.True(rig.System.Core.Set(ControlRig.Operator, [.. correctors.Select(c => (c.Name, amps))], Units.Hardware, "slip").Applied);
        for (int i = 0; i < 50 && ramp.State == RampState.Running; i++) rig.Run(0.1);
    }
}
