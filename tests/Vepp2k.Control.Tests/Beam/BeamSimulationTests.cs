using Vepp2k.Control.History;
using Vepp2k.Control.Tests.Core;
using Vepp2k.Machine.Beam;
using Xunit.Abstractions;

namespace Vepp2k.Control.Tests.Beam;

public class BeamSimulationTests(ITestOutputHelper output)
{
    [Fact]
    public async Task WithoutErrorsTheInstrumentsShowTheOnlineModel()
    {
        await using var rig = new ControlRig(errors: RingErrors.None);
        rig.System.Simulator!.NmrScaleError = 0;
        rig.Run(3);
        var model = rig.System.ModelChannels!.LatestOptics!;
        // The online model's beam sizes at the light monitors, from its own envelope (no instrument, no errors).
        var points = RingErrors.CcdNames().ToArray();
        var sigmas = model.Envelope!.SigmaAt(model.Lattice, [.. points.Select(p => model.Lattice.IndexOf(p))]);
        for (int k = 0; k < points.Length; k++)
        {
            double sx = rig.Value($"VEPP/CCD/{points[k]}/sigma_x") * 1e-3, sz = rig.Value($"VEPP/CCD/{points[k]}/sigma_z") * 1e-3;
            if (k < 2) output.WriteLine($"{points[k]}: sigma_x {sx * 1e6:F2} um (model {Math.Sqrt(sigmas[k][0, 0]) * 1e6:F2}), sigma_z {sz * 1e6:F2} um (model {Math.Sqrt(sigmas[k][2, 2]) * 1e6:F2})");
            // 0.3 % size noise per reading and the DCCT noise of the model's readbacks: 1.5 %.
            Assert.Equal(Math.Sqrt(sigmas[k][0, 0]), sx, 0.015 * sx);
            Assert.Equal(Math.Sqrt(sigmas[k][2, 2]), sz, 0.015 * sz);
        }
        for (int k = 1; k <= 4; k++)
        {
            Assert.True(Math.Abs(rig.Value($"VEPP/BPM/{k}/x")) < 0.05, "a perfect ring has its orbit on the axis (within BPM noise)");
            Assert.True(Math.Abs(rig.Value($"VEPP/BPM/{k}/z")) < 0.05);
        }
        double nuModel = rig.Value("VEPP/Model/NuX"), nuMeter = rig.Value("VEPP/Nu/nuX");
        output.WriteLine($"tune meter {nuMeter:F5}, model {nuModel:F5}");
        Assert.Equal(nuModel - Math.Floor(nuModel), nuMeter, 1e-3);
        Assert.Equal("ok", rig.Channel("VEPP/Beam/Status").Snapshot().Value.Text);
    }

    [Fact]
    public async Task CurrentsDecayWithTheLifetimeTheChannelsShow()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        output.WriteLine(rig.Channel("VEPP/Beam/Status").Snapshot().Value.Text);
        double i0 = rig.Value("VEPP/Currents/e"), tau = rig.Value("VEPP/Currents/etau");
        rig.Run(100);
        double i1 = rig.Value("VEPP/Currents/e");
        output.WriteLine($"e- {i0:F4} mA -> {i1:F4} mA in 100 s, lifetime {tau:F0} s");
        Assert.InRange(tau, 300, 20_000);
        // The lifetime grows as the current falls (Touschek), so the decay over 100 s is at most exp(-100/tau0).
        Assert.InRange(i1, i0 * Math.Exp(-100 / tau) * 0.9999, i0);
        Assert.True(rig.Value("VEPP/Lum/LsmSND") > 1e28, "two stored bunches collide");
    }

    [Fact]
    public async Task BeamIsLostWithTheReasonWhenTheOpticsCannotHoldIt()
    {
        await using var rig = new ControlRig();
        rig.Run(2);
        Assert.True(rig.Value("VEPP/Currents/e") > 0);
        var result = rig.System.Core.Set(ControlRig.Operator, [("1F1", 0)], Operations.Units.Hardware, "switch the focusing off");
        Assert.True(result.Applied, result.Message);
        rig.Run(60);
        var lost = rig.Events(EventKind.State).Where(e => e.Subject == "VEPP/Beam" && e.Message == "beam lost").ToList();
        Assert.Single(lost);
        output.WriteLine($"beam lost: {lost[0].Result}");
        Assert.False(string.IsNullOrWhiteSpace(lost[0].Result));
        Assert.Equal(0, rig.Value("VEPP/Currents/e"));
        Assert.True(double.IsNaN(rig.Value("VEPP/BPM/1/x")), "no beam, no BPM reading");
        Assert.StartsWith("no beam", rig.Channel("VEPP/Beam/Status").Snapshot().Value.Text ?? "");
        Assert.NotNull(rig.System.Beam!.Inject("e", 0.01));
    }
}
