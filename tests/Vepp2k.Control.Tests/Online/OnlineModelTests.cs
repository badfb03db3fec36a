using Vepp2k.Control.Online;
using Vepp2k.Machine;
using Vepp2k.Machine.Magnets;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Control.Tests.Online;

public class OnlineModelTests
{
    private static readonly MagnetCatalogue Catalogue = MagnetCatalogue.Default;

    // Truth: the embedded design-1GeV MAD-X file as the reader loads it (its optics from the coils' field
    // profile), not the builder the model uses. The file's hard edges give the setting: the currents.
    private static readonly Lattice Design = Modes.Load("design-1GeV").Lattice;
    private static readonly Lattice DesignFile = Modes.Load("design-1GeV", hardEdge: true).Lattice;

    /// <summary>Currents that make the embedded design's K1 and KS, through the catalogue's excitation curves.</summary>
    private static Dictionary<string, double> DesignCurrents()
    {
        var currents = new Dictionary<string, double>(StringComparer.OrdinalIgnoreCase);
        foreach (var e in DesignFile.Elements)
        {
            double? strength = e switch { Quadrupole q => q.K1, Solenoid s => s.Ks, _ => null };
            if (strength is double k) currents[Catalogue.Find(e.Name).Name] = Catalogue.Find(e.Name).CurrentFromStrength(k, 1e9);
        }
        Assert.Equal(36, currents.Count);   // 24 quads + 12 solenoid sections
        return currents;
    }

    [Fact]
    public void Design_currents_give_the_design_optics()
    {
        var result = new OnlineModel(Catalogue).Evaluate(DesignCurrents(), 1e9);
        Assert.Equal(OnlineStatus.Ok, result.Status);
        var optics = result.Optics!;
        var truth = RingOptics.Compute(Design);
        Assert.Equal(truth.Linear.Tunes[0], optics.Tunes[0], 1e-6);
        Assert.Equal(truth.Linear.Tunes[1], optics.Tunes[1], 1e-6);
        // Double rotation: both modes at the mean of the published structure tunes 4.1 / 2.1, i.e. 3.1.
        Assert.Equal(3, Math.Floor(optics.Tunes[0]));
        Assert.Equal(3, Math.Floor(optics.Tunes[1]));
        Assert.Equal(truth.Chromaticity![0], optics.Chromaticities[0], 1e-4);
        Assert.Equal(truth.Chromaticity![1], optics.Chromaticities[1], 1e-4);
        // Round beams at both IPs: beta* = 10 cm in both planes (abstract), equal fractional tunes.
        Assert.Equal(["SND", "CMD"], optics.InteractionPoints.Select(p => p.Name));
        foreach (var ip in optics.InteractionPoints)
        {
            Assert.Equal(0.10, ip.BetaX, 1e-3);
            Assert.Equal(0.10, ip.BetaY, 1e-3);
            Assert.True(ip.BetaDifference < 1e-3);
        }
        Assert.InRange(optics.EmittanceRatio, 0.9, 1.1);
    }

    [Fact]
    public void One_percent_on_a_focusing_quad_moves_the_tunes_as_perturbation_theory_says()
    {
        const string quad = "1F3";
        var currents = DesignCurrents();
        var model = new OnlineModel(Catalogue);
        var before = model.Evaluate(currents, 1e9).Optics!;
        double k0 = Catalogue.Find(quad).StrengthFromCurrent(currents[quad], 1e9);
        currents[quad] *= 1.01;
        double dk = Catalogue.Find(quad).StrengthFromCurrent(currents[quad], 1e9) - k0;
        var after = model.Evaluate(currents, 1e9);
        Assert.Equal(OnlineStatus.Ok, after.Status);

        // dQ_k = dK / (4 pi) int (beta_kx - beta_ky) ds (Mais-Ripken functions, coupled ring), the
        // integral by Simpson's rule over the quad split in two halves.
        var (b1, b2) = IntegratedBetas(quad);
        double[] predicted = [dk * b1 / (4 * Math.PI), dk * b2 / (4 * Math.PI)];
        for (int m = 0; m < 2; m++)
        {
            double moved = after.Optics!.Tunes[m] - before.Tunes[m];
            Assert.True(Math.Abs(predicted[m]) > 1e-4, $"mode {m + 1}: {predicted[m]}");
            Assert.InRange(moved / predicted[m], 0.9, 1.1);
        }
    }

    private static (double Mode1, double Mode2) IntegratedBetas(string quad)
    {
        var elements = Design.Elements.ToList();
        int i = Design.IndexOf(quad);
        var q = (Quadrupole)elements[i];
        elements.RemoveAt(i);
        elements.InsertRange(i, [new Quadrupole(quad + "a", q.Length / 2, q.K1), new Marker("MID", 0, "marker"), new Quadrupole(quad + "b", q.Length / 2, q.K1)]);
        var rows = LinearOptics.Compute(new Lattice("split", elements, Design.EnergyEv)).Rows;
        // rows[i] is the entrance of the quad (exit of element i - 1), rows[i + 2] the middle, rows[i + 3] the exit.
        double Simpson(Func<TwissRow, double> f) => q.Length / 6 * (f(rows[i]) + 4 * f(rows[i + 2]) + f(rows[i + 3]));
        return (Simpson(r => r.Beta11 - r.Beta12), Simpson(r => r.Beta21 - r.Beta22));
    }

    [Fact]
    public void A_wildly_wrong_current_set_is_unstable_with_a_reason()
    {
        var currents = DesignCurrents();
        // Only the defocusing quads powered, at full current: nothing focuses x.
        foreach (var name in currents.Keys.Where(n => n[1] == 'F').ToList()) currents[name] = 0;
        foreach (var name in currents.Keys.Where(n => n[1] == 'D').ToList()) currents[name] = Catalogue.Find(name).MaxCurrent;
        var result = new OnlineModel(Catalogue).Evaluate(currents, 1e9);
        Assert.Equal(OnlineStatus.Unstable, result.Status);
        Assert.Null(result.Optics);
        Assert.Contains("unstable", result.Reason, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("5F1", 100.0, "no magnet '5F1'")]
    [InlineData("1F1", 1e5, "outside the range")]
    [InlineData("2D3", double.NaN, "not a number")]
    public void Readbacks_that_cannot_describe_the_ring_are_invalid_input(string name, double amperes, string reason)
    {
        var currents = DesignCurrents();
        currents[name] = amperes;
        var result = new OnlineModel(Catalogue).Evaluate(currents, 1e9);
        Assert.Equal(OnlineStatus.InvalidInput, result.Status);
        Assert.Contains(reason, result.Reason);
    }

    [Fact]
    public void A_missing_quad_or_energy_out_of_range_is_invalid_input()
    {
        var currents = DesignCurrents();
        currents.Remove("3S2");
        var model = new OnlineModel(Catalogue);
        Assert.Contains("3S2", model.Evaluate(currents, 1e9).Reason);
        Assert.Equal(OnlineStatus.InvalidInput, model.Evaluate(DesignCurrents(), 1.1e9).Status);
    }
}
