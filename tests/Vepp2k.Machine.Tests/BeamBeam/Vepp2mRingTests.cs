using Vepp2k.Machine.Reports;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Tests.BeamBeam;

/// <summary>
/// The VEPP-2M-like flat ring bench/rings/vepp2m.madx (issue 14, Fig. 5 of Shatunov's 2011 thesis abstract)
/// read by our parser and optics, against independent numbers: MAD-X's TWISS of the same file and the
/// published circumference and energy. docs/beambeam.md, "VEPP-2M: the flat ring of Fig. 5", has the sources.
/// </summary>
public sealed class Vepp2mRingTests
{
    private static readonly RingOptics Optics = RingOptics.Compute(
        OpticsSource.Resolve(Path.Combine(AppContext.BaseDirectory, "Reference", "vepp2m.madx"), "vepp2m", null, null).Lattice);

    // MAD-X 5.09.03 (/tmp/peers/bin/madx), on bench/rings/vepp2m.madx as committed:
    //   call, file="vepp2m.madx"; use, sequence=vepp2m; twiss, chrom;
    //   value, table(summ,q1), table(summ,q2), table(summ,alfa), table(summ,synch_2), table(summ,synch_4), table(summ,synch_5);
    // and the twiss table's rows IP and IP2 (betx, bety, dx).
    private const double MadxQ1 = 3.099999998, MadxQ2 = 3.080000005, MadxAlfa = 0.1618589999;
    private const double MadxI2 = 5.150151891, MadxI4 = 1.944773083, MadxI5 = 1.140106113;
    private static readonly (string Name, double BetX, double BetY, double Dx)[] MadxIps =
    [
        ("IP", 0.4000000022, 0.04999999893, 0.3160945252),
        ("IP2", 0.4000332176, 0.04999999893, 0.3155593789),
    ];

    private static TwissRow At(string name) =>
        Optics.Linear.Rows.Single(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase));

    [Fact]
    public void Circumference_and_energy_are_the_published_ones()
    {
        // 17.88 m: the commonly quoted VEPP-2M circumference; 510 MeV per beam: the phi meson (2E = 1019.5 MeV).
        Assert.Equal(17.88, Optics.Lattice.Circumference, 1e-9);
        Assert.Equal(510e6, Optics.Lattice.EnergyEv, 1e-3);
    }

    [Fact]
    public void Tunes_agree_with_MADX_twiss()
    {
        // The ring is uncoupled, so our eigen-tunes are MAD-X's Q1 (horizontal) and Q2 (vertical).
        Assert.Equal(MadxQ1, Optics.Linear.Tunes[0], 1e-4);
        Assert.Equal(MadxQ2, Optics.Linear.Tunes[1], 1e-4);
    }

    [Fact]
    public void Beta_star_and_dispersion_at_both_IPs_agree_with_MADX_twiss()
    {
        foreach (var (name, betX, betY, dx) in MadxIps)
        {
            var row = At(name);
            Assert.True(Math.Abs(row.BetX / betX - 1) < 1e-3, $"{name}: beta_x {row.BetX} vs MAD-X {betX}");
            Assert.True(Math.Abs(row.BetY / betY - 1) < 1e-3, $"{name}: beta_y {row.BetY} vs MAD-X {betY}");
            Assert.True(Math.Abs(row.Dx / dx - 1) < 1e-3, $"{name}: D_x {row.Dx} vs MAD-X {dx}");
        }
    }

    [Fact]
    public void Momentum_compaction_and_radiation_integrals_agree_with_MADX_twiss()
    {
        // These set the equilibrium emittance and damping the beam-beam runs start from.
        Assert.True(Math.Abs(Optics.Linear.MomentumCompaction / MadxAlfa - 1) < 1e-3, $"alpha_c {Optics.Linear.MomentumCompaction}");
        var i = Optics.Integrals;
        Assert.True(Math.Abs(i.I2 / MadxI2 - 1) < 1e-3, $"I2 {i.I2}");
        Assert.True(Math.Abs(i.I4 / MadxI4 - 1) < 1e-3, $"I4 {i.I4}");
        Assert.True(Math.Abs(i.I5 / MadxI5 - 1) < 1e-3, $"I5 {i.I5}");
    }
}
