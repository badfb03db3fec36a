using Vepp2k.Control.Beam;
using Vepp2k.Control.Devices;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Tests.Core;
using Vepp2k.Machine.Beam;
using Xunit.Abstractions;

namespace Vepp2k.Control.Tests.Beam;

public class OrbitMeasurementTests(ITestOutputHelper output)
{
    private static readonly string[] Few = ["1F1X", "2D1Z", "3X1", "4F3X", "1D2Z", "2F2X"];

    private static void RunUntil(ControlRig rig, Func<bool> done, double limitSeconds)
    {
        for (double t = 0; t < limitSeconds && !done(); t += 1) rig.Run(1);
        Assert.True(done(), $"not done within {limitSeconds} s of simulated time");
    }

    private static void AssertEveryCorrectorOnItsSetpoint(ControlRig rig, OrbitResponseRun run)
    {
        rig.Run(3);
        foreach (var (name, setpoint) in run.Setpoints)
        {
            var e = rig.System.Machine.Get(name);
            Assert.Equal(setpoint, e.Request);
            Assert.Equal(setpoint, e.Supply.Setpoint);
            Assert.True(e.HasArrived(setpoint), $"{name} reads {e.Readback} A, setpoint {setpoint} A");
        }
    }

    [Fact]
    public async Task MeasuredResponseIsTheTrueRingsResponseThroughTheInstruments()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        // A 1 A step: the 5 um BPM noise is then 0.3 % of a column, so 3 % is a bound on the model, not the noise.
        var (run, result) = rig.System.Measurements!.StartResponse(ControlRig.Operator, Few, stepAmps: 1.0);
        Assert.True(result.Applied, result.Message);
        RunUntil(rig, () => run!.Finished, 300);
        Assert.Equal(MeasurementState.Completed, run!.State);
        output.WriteLine(run.Reason);
        AssertEveryCorrectorOnItsSetpoint(rig, run);

        // Truth: the response of the true ring (its hidden errors, the load currents, the true energy), seen
        // through each monitor's gain, roll or scale error.
        var ring = rig.System.Beam!.TrueRing();
        var truth = OrbitResponse.Compute(ring, correctors: [.. ring.Correctors.Where(c => Few.Contains(c.Name))]);
        var seen = new Instruments(rig.System.Beam.Errors, InstrumentNoise.None, 0);
        int n = truth.Monitors.Count;
        for (int j = 0; j < Few.Length; j++)
        {
            int t = truth.Correctors.ToList().IndexOf(run.Correctors[j]);
            // The instruments are linear in the orbit up to their offsets: read the column through them and subtract the offset reading.
            var zero = seen.Orbit(Observation(n, i => 0, i => 0));
            var column = seen.Orbit(Observation(n, i => truth.Matrix[i, t], i => truth.Matrix[n + i, t]));
            double scale = column.Zip(zero, (a, b) => Math.Abs(a - b)).Max();
            double worst = 0;
            for (int i = 0; i < 2 * n; i++) worst = Math.Max(worst, Math.Abs(run.Result!.Matrix[i, j] - (column[i] - zero[i])));
            output.WriteLine($"{run.Correctors[j]}: largest response {scale:F3} m/rad, largest difference {worst:F4} m/rad ({worst / scale:P2})");
            Assert.True(worst < 0.03 * scale, $"{run.Correctors[j]}: measured response differs from the truth by {worst / scale:P1}");
        }
    }

    [Fact]
    public async Task DispersionFromAnRfStepIsTheTrueRingsDispersion()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        var (run, result) = rig.System.Measurements!.StartResponse(ControlRig.Operator, ["1F1X"], rfStep: BeamOperations.DefaultRfStep);
        Assert.True(result.Applied, result.Message);
        RunUntil(rig, () => run!.Finished, 120);
        Assert.Equal(MeasurementState.Completed, run!.State);
        Assert.Equal(0, rig.System.Beam!.RfFrequencyShift);
        // Truth: the true ring's dispersion (the closed orbit's derivative in delta at fixed RF-free delta),
        // read through the instruments, against orbit per relative frequency times -eta.
        var ring = rig.System.Beam.TrueRing().Lattice;
        var linear = Physics.Optics.LinearOptics.Compute(ring.WithoutCavities());
        double eta = linear.MomentumCompaction - 1 / (ring.Gamma * ring.Gamma);
        var seen = new Instruments(rig.System.Beam.Errors, InstrumentNoise.None, 0);
        int n = OrbitResponse.AllMonitors.Count;
        double D(string name, bool x) { var r = linear.Rows[ring.IndexOf(name) + 1]; return x ? r.Dx : r.Dy; }
        var zero = seen.Orbit(Observation(n, _ => 0, _ => 0));
        var expected = seen.Orbit(Observation(n, i => D(OrbitResponse.AllMonitors[i], true), i => D(OrbitResponse.AllMonitors[i], false)));
        double worst = 0;
        for (int i = 0; i < 2 * n; i++) worst = Math.Max(worst, Math.Abs(-eta * run.OrbitPerRf![i] - (expected[i] - zero[i])));
        output.WriteLine($"largest dispersion {expected.Max(Math.Abs):F3} m, largest difference {worst * 1e3:F1} mm; noise per reading {run.Noise!.Average() * 1e6:F1} um");
        Assert.True(worst < 0.03, $"measured dispersion differs from the truth by {worst:F4} m");
        Assert.InRange(run.Noise!.Take(8).Average(), 2e-6, 10e-6);
        Assert.NotNull(run.Final);
    }

    // An observation whose monitors sit where the given functions say (x, z by monitor index: 4 BPMs then 16 CCDs).
    private static BeamObservation Observation(int n, Func<int, double> x, Func<int, double> z) => new(
        new double[6],
        [.. RingErrors.BpmNames.Select((b, i) => new OrbitPoint(b, x(i), z(i)))],
        [.. RingErrors.CcdNames().Select((c, k) => new BeamSpot(c, x(4 + k), z(4 + k), 1e-3, 1e-3, 0))],
        [], [0.1, 0.1], [1e-7, 1e-7, 1e-6], 0.01, 0, "");

    [Fact]
    public async Task AnAbortHalfWayLeavesEveryCorrectorOnItsSetpoint()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        var (run, _) = rig.System.Measurements!.StartResponse(ControlRig.Operator, Few);
        RunUntil(rig, () => run!.Measured >= 2 && run.Phase == 1, 200);
        var result = rig.System.Measurements.Abort(ControlRig.Operator, run!.Id);
        Assert.True(result.Applied, result.Message);
        RunUntil(rig, () => run.Finished, 60);
        Assert.Equal(MeasurementState.Aborted, run.State);
        Assert.Null(run.Result);
        output.WriteLine(run.Where());
        AssertEveryCorrectorOnItsSetpoint(rig, run);
        Assert.Contains(rig.Events(), e => e.Message == "measurement aborted" && e.Result!.Contains("every corrector on its setpoint"));
    }

    [Fact]
    public async Task ASupplyTripMidWayIsReportedAndTheOthersStayOnTheirSetpoints()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        var (run, _) = rig.System.Measurements!.StartResponse(ControlRig.Operator, Few);
        RunUntil(rig, () => run!.Index == 1 && run.Phase == 1, 200);
        rig.System.Simulator!.Supply(Few[1]).SetFault(InterlockBits.Water, true);
        RunUntil(rig, () => run!.Finished, 60);
        output.WriteLine(run!.Where());
        Assert.Equal(MeasurementState.Failed, run.State);
        Assert.Contains(Few[1], run.Reason);
        foreach (var name in Few.Where(n => n != Few[1]))
            Assert.Equal(run.Setpoints[name], rig.System.Machine.Get(name).Request);
    }

    [Fact]
    public async Task CorrectionUndoesABumpTenfoldAndOnlyWhenApplied()
    {
        await using var rig = new ControlRig();
        rig.Run(3);
        double Rms() => Math.Sqrt(rig.System.Beam!.Latest!.Orbit().Average(v => v * v));
        double baseline = Rms();
        // Knock the orbit off with four correctors, as a drifting machine would.
        var bump = new[] { ("1F2X", 1.0), ("3F3X", -1.2), ("2D2Z", 0.8), ("4D1Z", -0.9) };
        var set = rig.System.Core.Set(ControlRig.Operator, [.. bump.Select(b => (b.Item1, rig.System.Machine.Get(b.Item1).Request + b.Item2))], Units.Hardware, "bump");
        Assert.True(set.Applied, set.Message);
        rig.Run(5);
        double before = Rms();
        var plan = rig.System.Orbit!.Plan(new CorrectionOptions());
        Assert.Null(plan.Refusal);
        rig.Run(3);
        Assert.Equal(before, Rms(), 0.05 * before);   // a plan moves nothing
        var (_, applied) = rig.System.Orbit.Apply(ControlRig.Operator, new CorrectionOptions());
        Assert.True(applied.Applied, applied.Message);
        rig.Run(5);
        double after = Rms();
        output.WriteLine($"rms orbit: corrected baseline {baseline * 1e6:F1} um, bumped {before * 1e6:F1} um, after one correction {after * 1e6:F1} um (plan expected {plan.ExpectedRms * 1e6:F1} um)");
        Assert.True(before > 10 * after, $"rms {before:E3} -> {after:E3} m");
        Assert.False(rig.System.Orbit.Apply(ControlRig.Viewer, new CorrectionOptions()).Result.Applied);
    }
    [Fact]
    public async Task DispersionFreeSteeringNeedsAMeasuredDispersionAndLowersTheTrueRingsDispersionError()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        var steering = new CorrectionOptions(DispersionWeight: 0.1);
        Assert.Contains("dispersion", rig.System.Orbit!.Plan(steering).Refusal);
        var (run, result) = rig.System.Measurements!.StartResponse(ControlRig.Operator, Few, stepAmps: 1.0, rfStep: BeamOperations.DefaultRfStep);
        Assert.True(result.Applied, result.Message);
        RunUntil(rig, () => run!.Finished, 400);
        Assert.Equal(MeasurementState.Completed, run!.State);

        // Truth: the hidden ring's dispersion at the monitors against the design's (the ring with no errors and no
        // corrector currents), before and after.
        var monitors = OrbitResponse.AllMonitors;
        var design = DispersionResponse.Dispersion(LocoOperations.ModelOf(rig.System.Core, rig.System.Options.Mode).Build([], []).Lattice, monitors);
        double TrueError() => Math.Sqrt(DispersionResponse.Dispersion(rig.System.Beam!.TrueRing().Lattice, monitors)
            .Select((d, i) => (d - design[i]) * (d - design[i])).Average());
        double before = TrueError();
        var plan = rig.System.Orbit.Plan(steering, run.Id);
        Assert.Null(plan.Refusal);
        Assert.True(plan.DispersionExpectedRms < plan.DispersionRms, $"{plan.DispersionRms} -> {plan.DispersionExpectedRms}");
        var (_, applied) = rig.System.Orbit.Apply(ControlRig.Operator, steering, run.Id);
        Assert.True(applied.Applied, applied.Message);
        rig.Run(5);
        double after = TrueError();
        output.WriteLine($"measured - model dispersion rms {plan.DispersionRms * 1e3:F2} mm, expected after {plan.DispersionExpectedRms * 1e3:F2} mm (6 correctors); true ring - design: {before * 1e3:F2} -> {after * 1e3:F2} mm");
        Assert.True(after < before, $"the true ring's dispersion error went from {before * 1e3:F2} to {after * 1e3:F2} mm");
    }
}
