using Vepp2k.Control.Online;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Control.Tests.Online;

/// <summary>
/// The online model on the computed curves (MagnetCatalogue.Computed, `vepp2k serve --model-curves
/// computed`): currents that make the design strengths through the computed quadrupole tables give
/// the design optics in that model, and visibly other optics in the model on the analytic curves,
/// so the selection really changes the current -> gradient mapping. At 500 MeV, where the computed
/// curves (44 T/m at 300 A) reach every design gradient.
/// </summary>
public class ComputedCurvesOnlineModelTests
{
    private const double Energy = 0.5e9;

    [Fact]
    public void TheComputedCurvesGiveTheDesignOpticsFromTheirOwnCurrents()
    {
        var computed = MagnetCatalogue.Computed;
        var currents = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in Modes.Load("design-1GeV", hardEdge: true).Lattice.Elements)
        {
            double? strength = e switch { Quadrupole q => q.K1, Solenoid s => s.Ks, _ => null };
            if (strength is double k) currents[e.Name] = computed.Find(e.Name).CurrentFromStrength(k, Energy);
        }
        var truth = RingOptics.Compute(Modes.Load("design-1GeV").Lattice).Linear.Tunes;
        var onComputed = new OnlineModel(computed).Evaluate(currents, Energy);
        Assert.Equal(OnlineStatus.Ok, onComputed.Status);
        Assert.Equal(truth[0], onComputed.Optics!.Tunes[0], 1e-6);
        Assert.Equal(truth[1], onComputed.Optics!.Tunes[1], 1e-6);
        var onAnalytic = new OnlineModel(MagnetCatalogue.Default).Evaluate(currents, Energy);
        Assert.True(onAnalytic.Status != OnlineStatus.Ok || Math.Abs(onAnalytic.Optics!.Tunes[0] - truth[0]) > 1e-3,
            $"the analytic curves gave the same tunes from the computed curves' currents: {onAnalytic.Optics?.Tunes[0]}");
    }
}
