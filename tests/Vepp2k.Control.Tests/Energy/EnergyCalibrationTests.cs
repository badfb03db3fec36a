using Vepp2k.Control.Energy;

namespace Vepp2k.Control.Tests.Energy;

public class EnergyCalibrationTests
{
    private static readonly DateTimeOffset When = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    // phi scan: the NMR said 509.30 MeV where the phi peak (PDG M/2 = 509.7305 MeV) sat.
    private static EnergyCalibrationEntry Phi(double nmr = 509.30e6) =>
        new(CalibrationMethod.PhiMesonMass, PhiMeson.BeamEnergyEv, 20e3, nmr, "Berkaev", When, "phi scan, CMD-3 K+K-");

    // Resonant depolarisation at 750 MeV (thesis abstract): the NMR read 749.10 MeV.
    private static EnergyCalibrationEntry Depolarisation() =>
        new(CalibrationMethod.ResonantDepolarization, 750.0e6, 15e3, 749.10e6, "Shatunov", When.AddDays(2));

    [Fact]
    public void Phi_meson_reference_is_half_the_pdg_mass()
    {
        Assert.Equal(509.7305e6, PhiMeson.BeamEnergyEv, 1.0);
        Assert.Equal(8e3, PhiMeson.BeamEnergyUncertaintyEv, 1e-6);
    }

    [Fact]
    public void No_entry_means_no_correction_and_the_uncalibrated_uncertainty()
    {
        var c = new EnergyCalibration().At(800e6);
        Assert.Equal(0, c.Offset);
        Assert.Equal(1e-3, c.Uncertainty);
    }

    [Theory]
    [InlineData(300e6)]
    [InlineData(509.3e6)]
    [InlineData(1000e6)]
    public void A_phi_entry_alone_gives_a_constant_correction_equal_to_its_offset(double energy)
    {
        var table = new EnergyCalibration();
        Assert.True(table.Add(Phi()).Accepted);
        var c = table.At(energy);
        Assert.Equal(509.7305 / 509.30 - 1, c.Offset, 1e-12);
        Assert.Equal(20e3 / 509.30e6, c.Uncertainty, 1e-15);
    }

    [Fact]
    public void Phi_and_depolarisation_define_a_line_through_both_points_held_beyond_them()
    {
        var table = new EnergyCalibration();
        Assert.True(table.Add(Phi()).Accepted);
        Assert.True(table.Add(Depolarisation()).Accepted);
        double k1 = 509.7305 / 509.30 - 1, k2 = 750.0 / 749.10 - 1;

        // Two points, two parameters: the line passes through both, each with its own error.
        Assert.Equal(k1, table.At(509.30e6).Offset, 1e-12);
        Assert.Equal(k2, table.At(749.10e6).Offset, 1e-12);
        Assert.Equal(20e3 / 509.30e6, table.At(509.30e6).Uncertainty, 1e-12);
        Assert.Equal(15e3 / 749.10e6, table.At(749.10e6).Uncertainty, 1e-12);

        // In between: straight-line interpolation.
        double t = (650e6 - 509.30e6) / (749.10e6 - 509.30e6);
        Assert.Equal(k1 + t * (k2 - k1), table.At(650e6).Offset, 1e-12);

        // Outside: held at the nearest calibrated end, and said so.
        Assert.Equal(k2, table.At(1000e6).Offset, 1e-12);
        Assert.Equal(k1, table.At(200e6).Offset, 1e-12);
        Assert.Contains("no extrapolation", table.At(1000e6).Basis);
    }

    [Fact]
    public void Repeated_entries_at_one_energy_average_with_weights()
    {
        var table = new EnergyCalibration();
        table.Add(Phi(509.30e6) with { ReferenceUncertaintyEv = 10e3 });
        table.Add(Phi(509.40e6) with { ReferenceUncertaintyEv = 20e3 });
        double k1 = PhiMeson.BeamEnergyEv / 509.30e6 - 1, k2 = PhiMeson.BeamEnergyEv / 509.40e6 - 1;
        double w1 = Math.Pow(509.30e6 / 10e3, 2), w2 = Math.Pow(509.40e6 / 20e3, 2);
        var c = table.At(900e6);
        Assert.Equal((w1 * k1 + w2 * k2) / (w1 + w2), c.Offset, 1e-12);
        Assert.Contains("weighted mean", c.Basis);
        // chi2 = 2.8 for 1 dof: the error is scaled up by sqrt(chi2).
        double chi2 = w1 * w2 / (w1 + w2) * Math.Pow(k1 - k2, 2);
        Assert.Equal(Math.Sqrt(chi2 / (w1 + w2)), c.Uncertainty, 1e-12);
    }

    public static TheoryData<EnergyCalibrationEntry, string> BadEntries => new()
    {
        { Phi() with { ReferenceEnergyEv = double.NaN }, "finite" },
        { Phi() with { NmrEnergyEv = double.PositiveInfinity }, "finite" },
        { Phi() with { ReferenceUncertaintyEv = -1e3 }, "positive" },
        { Phi() with { ReferenceUncertaintyEv = 0 }, "positive" },
        { Phi() with { ReferenceEnergyEv = 0 }, "outside" },
        { Phi() with { ReferenceEnergyEv = -510e6 }, "outside" },
        { Phi() with { ReferenceEnergyEv = 1019.461e6, NmrEnergyEv = 1019e6 }, "outside" },   // c.m. energy typed
        { Phi() with { NmrEnergyEv = 0.15e9 }, "outside" },
        { Phi() with { ReferenceEnergyEv = 0.53e9 }, "check units" },
        { Phi() with { Author = " " }, "author" },
    };

    [Fact]
    public void An_entry_taken_at_the_top_energy_is_accepted_though_the_nmr_reads_a_hair_above_1_GeV()
    {
        // The case: at the default 1 GeV the NMR read 1000.0001 MeV and the entry was refused
        // as "outside 0.16 .. 1.0 GeV".
        var table = new EnergyCalibration();
        var entry = new EnergyCalibrationEntry(CalibrationMethod.ResonantDepolarization, 1000.05e6, 0.01e6, 1000.0001e6, "Shatunov", When);
        var result = table.Add(entry);
        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(entry.Offset, table.At(1000e6).Offset, 12);
        Assert.Contains("outside", table.Add(entry with { NmrEnergyEv = 1.02e9, ReferenceEnergyEv = 1.0201e9 }).Reason);
    }

    [Theory]
    [MemberData(nameof(BadEntries))]
    public void Bad_entries_are_refused_and_change_nothing(EnergyCalibrationEntry entry, string reason)
    {
        var table = new EnergyCalibration();
        table.Add(Depolarisation());
        var before = table.At(600e6);
        var result = table.Add(entry);
        Assert.False(result.Accepted);
        Assert.Contains(reason, result.Reason);
        Assert.Single(table.Entries);
        Assert.Equal(before, table.At(600e6));
    }
}
