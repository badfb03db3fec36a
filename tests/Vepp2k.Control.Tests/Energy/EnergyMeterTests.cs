using Vepp2k.Control.Energy;
using Vepp2k.Control.Nmr;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Tests.Energy;

public class EnergyMeterTests
{
    // Independent constants (CODATA 2018), not the project's: the test must catch a wrong constant there.
    private const double C = 299_792_458.0, ElectronMassEv = 0.510_998_95e6;

    [Fact]
    public void Analytic_b_rho_one_gev_is_the_published_field()
    {
        // B = p / (e rho) = sqrt(E^2 - m^2) / (c rho): 1 GeV on rho = 1.40 m.
        double field = Math.Sqrt(1e18 - ElectronMassEv * ElectronMassEv) / (C * 1.40);
        Assert.Equal(2.3826, field, 4);                       // vepp2000-machine.md: 2.3826 T
        Assert.InRange(field * 10, 23.82 - 0.015, 23.82 + 0.015); // abstract: 23.82 kG (4 digits)

        var meter = EnergyRig.Meter();
        Assert.Equal(1.40, meter.BendingRadius, 12);
        var e = Assert.IsType<EnergyMeasured>(meter.Measure(EnergyRig.Exact(field)));
        Assert.Equal(1e9, e.NmrEnergyEv, 1e-9 * 1e9);
        Assert.Equal(field, e.AverageField, 15);
    }

    [Theory]
    [InlineData(1.0e9)]
    [InlineData(0.51e9)]
    [InlineData(0.2e9)]
    public void At_the_dipole_current_set_for_an_energy_the_nmr_gives_that_energy(double energy)
    {
        var catalogue = MagnetCatalogue.Default;
        double current = catalogue.DipoleCurrent(energy);
        double field = catalogue.Find("1M1").FieldFromCurrent(current);
        var e = Assert.IsType<EnergyMeasured>(EnergyRig.Meter().Measure(EnergyRig.Read(EnergyRig.ProbesOn(() => field, 3))));
        // 1 ppm per probe, 8 probes: 5 sigma of the mean.
        Assert.Equal(energy, e.NmrEnergyEv, 5 * 1e-6 / Math.Sqrt(8) * energy);
        Assert.Equal(e.NmrEnergyEv, e.EnergyEv);               // no calibration entered
        Assert.Equal(8, e.ProbesUsed.Count);
        // Uncalibrated: the B rho scale (1e-3) dominates the uncertainty.
        Assert.InRange(e.UncertaintyEv, 0.99e-3 * energy, 1.01e-3 * energy);
    }

    [Fact]
    public void An_outlier_probe_is_rejected_and_named()
    {
        const double field = 2.3826;
        var readings = EnergyRig.Read(EnergyRig.ProbesOn(() => field, 5));
        readings["2M1"] = new NmrReading(NmrStatus.Locked, field * (1 + 2e-4));   // a probe locked on a wrong line
        var e = Assert.IsType<EnergyMeasured>(EnergyRig.Meter().Measure(readings));
        var rejected = Assert.Single(e.ProbesRejected);
        Assert.Equal("2M1", rejected.Probe);
        Assert.StartsWith("outlier", rejected.Reason);
        Assert.DoesNotContain("2M1", e.ProbesUsed);
        Assert.Equal(field, e.AverageField, 5e-6 * field);
    }

    [Fact]
    public void Unlocked_and_missing_probes_are_ignored()
    {
        const double field = 1.2;
        var readings = EnergyRig.Read(EnergyRig.ProbesOn(() => field, 7));
        readings["1M1"] = new NmrReading(NmrStatus.NoLock, null);
        readings["3M2"] = new NmrReading(NmrStatus.NoLock, null);
        readings.Remove("4M2");
        var e = Assert.IsType<EnergyMeasured>(EnergyRig.Meter().Measure(readings));
        Assert.Equal(["1M2", "2M1", "2M2", "3M1", "4M1"], e.ProbesUsed);
        Assert.Equal(["1M1", "3M2", "4M2"], e.ProbesRejected.Select(r => r.Probe));
        Assert.Contains("NoLock", e.ProbesRejected[0].Reason);
        Assert.Equal("no reading", e.ProbesRejected[2].Reason);
        Assert.Equal(field, e.AverageField, 5e-6 * field);
    }

    [Fact]
    public void Fewer_than_two_probes_give_no_energy_and_say_why()
    {
        var readings = EnergyRig.Probes.ToDictionary(p => p, _ => new NmrReading(NmrStatus.NoLock, null));
        readings["3M1"] = new NmrReading(NmrStatus.Locked, 2.0);
        var result = EnergyRig.Meter().Measure(readings);
        var none = Assert.IsType<EnergyUnavailable>(result);
        Assert.Contains("1 usable", none.Reason);
        Assert.Equal(["3M1"], none.ProbesUsed);
        Assert.Equal(7, none.ProbesRejected.Count);

        // Two left after the outlier cut is still a measurement; one left is not.
        var two = new Dictionary<string, NmrReading> { ["1M1"] = new(NmrStatus.Locked, 2.0), ["1M2"] = new(NmrStatus.Locked, 2.0) };
        Assert.IsType<EnergyMeasured>(EnergyRig.Meter().Measure(two));
        Assert.IsType<EnergyUnavailable>(EnergyRig.Meter().Measure(new Dictionary<string, NmrReading>()));
    }

    [Fact]
    public void A_name_that_is_not_a_probe_is_refused()
    {
        var readings = EnergyRig.Exact(2.0);
        readings["5M1"] = new NmrReading(NmrStatus.Locked, 2.0);
        var e = Assert.Throws<ArgumentException>(() => EnergyRig.Meter().Measure(readings));
        Assert.Contains("5M1", e.Message);
    }

    [Fact]
    public void Statistical_uncertainty_is_the_scatter_of_the_mean_and_falls_as_one_over_root_n()
    {
        // Over many draws, the spread of the measured energy and the rms of the quoted statistical
        // uncertainty must both equal beta^2 E sigma_B / (B sqrt n), sigma_B = 1 ppm of B.
        const double field = 2.0;
        var meter = EnergyRig.Meter();
        double energy = meter.EnergyFromField(field);
        double beta2 = 1 - Math.Pow(ElectronMassEv / energy, 2);
        var spread = new Dictionary<int, double>();
        foreach (int n in (int[])[2, 4, 8])
        {
            var probes = EnergyRig.ProbesOn(() => field, 100 + n).Take(n).ToArray();
            const int draws = 4000;
            double sum = 0, sumSq = 0, quoted = 0;
            for (int i = 0; i < draws; i++)
            {
                var e = (EnergyMeasured)meter.Measure(EnergyRig.Read(probes));
                sum += e.NmrEnergyEv;
                sumSq += e.NmrEnergyEv * e.NmrEnergyEv;
                quoted += e.StatisticalUncertaintyEv * e.StatisticalUncertaintyEv;
            }
            double mean = sum / draws, sd = Math.Sqrt(sumSq / draws - mean * mean);
            double expected = beta2 * energy * 1e-6 / Math.Sqrt(n);
            Assert.InRange(sd / expected, 0.93, 1.07);
            Assert.InRange(Math.Sqrt(quoted / draws) / expected, 0.93, 1.07);
            spread[n] = sd;
        }
        Assert.InRange(spread[2] / spread[8], 2 * 0.9, 2 * 1.1);
    }

    [Fact]
    public void Calibration_scales_the_energy_and_adds_its_uncertainty()
    {
        const double field = 1.2;
        var meter = EnergyRig.Meter();
        double nmr = meter.EnergyFromField(field);
        var calibration = new EnergyCalibration();
        Assert.True(calibration.Add(new(CalibrationMethod.ResonantDepolarization, nmr * 1.0015, 10e3, nmr, "test", DateTimeOffset.UnixEpoch)).Accepted);
        var e = Assert.IsType<EnergyMeasured>(EnergyRig.Meter(calibration).Measure(EnergyRig.Exact(field)));
        Assert.Equal(nmr * 1.0015, e.EnergyEv, 1e-3);
        // Exact fields: no scatter; 1 ppm probe accuracy (x beta^2 ~ 1) and the 10 keV reference in quadrature.
        Assert.Equal(Math.Sqrt(Math.Pow(1.0015 * 1e-6 * nmr, 2) + 10e3 * 10e3), e.UncertaintyEv, 0.01e3);
    }
}
