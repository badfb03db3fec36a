using Vepp2k.Machine.Beam;
using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;
using Xunit.Abstractions;

namespace Vepp2k.Machine.Tests.Beam;

public class SteeredRingTests(ITestOutputHelper output)
{
    internal static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    /// <summary>The design ring of a mode with correctors at zero, built from its supply currents.</summary>
    internal static SteeredRing Design(RingErrors? errors = null, string mode = Modes.Default)
    {
        var setting = ModeDesigns.Setting(mode);
        return SteeredRing.FromCurrents(mode, setting.EnergyEv, DesignCurrents.For(Catalogue, setting), Catalogue, errors);
    }

    [Fact]
    public void WithoutErrorsTheRingHasTheOnlineModelsOptics()
    {
        var setting = ModeDesigns.Setting(Modes.Default);
        var model = RingOptics.Compute(ModeDesigns.OpticsRing(Modes.Default, setting, Catalogue));
        var ring = Design();
        var seen = BeamProbe.Observe(ring.Lattice);
        output.WriteLine($"tunes {seen.Tunes[0]:F6} {seen.Tunes[1]:F6} (model {model.Linear.Tunes[0]:F6} {model.Linear.Tunes[1]:F6}), max orbit {seen.MaxExcursion:E2} m");
        Assert.Equal(model.Linear.Tunes[0], seen.Tunes[0], 1e-9);
        Assert.Equal(model.Linear.Tunes[1], seen.Tunes[1], 1e-9);
        Assert.True(seen.MaxExcursion < 1e-12, $"a perfect ring has no orbit, got {seen.MaxExcursion:E2} m");
        var snd = seen.InteractionPoints[0];
        Assert.Equal(Math.Sqrt(model.Envelope!.Sigma[0, 0]), snd.SigmaX, 1e-6 * snd.SigmaX);
        Assert.Equal(Math.Sqrt(model.Envelope.Sigma[2, 2]), snd.SigmaZ, 1e-6 * snd.SigmaZ);
        Assert.Equal(36, ring.Correctors.Count);
    }
}
