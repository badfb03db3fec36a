using Vepp2k.Machine;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Tests;

public class ModeTests
{
    private static RingOptics Optics(string mode) => RingOptics.Compute(Modes.Load(mode).Lattice);

    [Theory]
    [InlineData("design-1GeV")]
    [InlineData("flat-1GeV")]
    [InlineData("mobius-1GeV")]
    [InlineData("no-solenoids")]
    [InlineData("operating-5cm")]
    public void EveryEmbeddedModeLoadsAndIsStableWithRealNames(string mode)
    {
        var loaded = Modes.Load(mode);
        Assert.Empty(loaded.Warnings);
        var lattice = loaded.Lattice;
        Assert.Equal(24.388, lattice.Circumference, 9);
        foreach (var name in new[] { "snd", "cmd", "1m1l", "4m2r", "bpm1", "bpm4", "1d1", "4f3", "1s1", "4s3", "1m1.2", "rf", "inj" })
            Assert.True(lattice.IndexOf(name) >= 0, $"{name} missing in {mode}");
        var optics = RingOptics.Compute(lattice);
        Assert.NotNull(optics.Envelope);
        Assert.Equal(4.0, optics.Envelope!.Partition.Sum(), 3);   // Robinson
    }

    [Theory]
    [InlineData("design-1GeV")]
    [InlineData("flat-1GeV")]
    [InlineData("no-solenoids")]
    public void EmbeddedFileReproducesTheDesignItWasWrittenFrom(string mode)
    {
        // Writer -> MAD-X text -> reader -> lattice must be the same ring as the builder's (the file as
        // written: hard-edge solenoids, before any field-profile slicing).
        var fromFile = LinearOptics.Compute(Modes.Load(mode, hardEdge: true).Lattice);
        var built = LinearOptics.Compute(ModeDesigns.Build(mode).Lattice);
        Assert.Equal(built.Tunes[0], fromFile.Tunes[0], 1e-9);
        Assert.Equal(built.Tunes[1], fromFile.Tunes[1], 1e-9);
        for (int i = 0; i < built.Rows.Count; i += 7)
        {
            // Tolerances, not decimal places: rounding to places fails on a boundary for a 1e-9 difference.
            Assert.Equal(built.Rows[i].Beta11, fromFile.Rows[i].Beta11, 1e-8);
            Assert.Equal(built.Rows[i].Dx, fromFile.Rows[i].Dx, 1e-9);
        }
    }

    [Fact]
    public void TheRegistryHoldsExactlyTheEmbeddedLatticeFilesWithUniqueNames()
    {
        // One registry: a lattice file added without a mode entry, or a mode without its file, is caught here.
        const string prefix = "Vepp2k.Machine.Lattices.";
        var embedded = typeof(Modes).Assembly.GetManifestResourceNames()
            .Where(r => r.StartsWith(prefix, StringComparison.Ordinal) && r.EndsWith(".madx", StringComparison.Ordinal))
            .Select(r => r[prefix.Length..^".madx".Length]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(embedded, Modes.All.Select(m => m.Name).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(Modes.All.Count, Modes.All.Select(m => m.Name.ToLowerInvariant()).Distinct().Count());
        Assert.Contains(Modes.All, m => m.Name == Modes.Default);
        Assert.Single(Modes.All, m => m.FacilityFit);
    }

    [Fact]
    public void EveryModeFileCarriesTheEnergyOfItsDesignSetting()
    {
        foreach (var mode in Modes.All)
            Assert.Equal(mode.Design().EnergyEv, Modes.Load(mode.Name, hardEdge: true).Lattice.EnergyEv, 1e-3);
    }

    [Fact]
    public void DesignMeetsTheRoundBeamConditionsAtBothIps()
    {
        var o = Optics("design-1GeV");
        var report = RoundBeamReport.Compute(o.Linear, o.Envelope, ["SND", "CMD"]);
        foreach (var ip in report.Points)
        {
            Assert.Equal(0.10, ip.BetaX, 4);
            Assert.Equal(ip.BetaX, ip.BetaY, 9);
            Assert.Equal(ip.AlphaX, ip.AlphaY, 3);
            Assert.InRange(ip.RotationCommutator, 0, 1e-4);   // M_z conserved by the one-turn map
            Assert.Equal(1.0, ip.SizeRatio, 3);
        }
        Assert.Equal(1.0, report.EmittanceRatio, 2);
        Assert.Equal(0.0, report.FractionalTuneDifference, 6);
    }

    // beam-physics.md 1.2: with mirror-symmetric half rings, double rotation gives both eigen-tunes
    // = (Qx + Qy)/2 of the structure, Moebius (Qx + Qy)/2 +- 1/4 (mod 1), compensated the structure tunes.
    [Fact]
    public void PolarityModesHaveTheEigenTunesTheTheoryPredicts()
    {
        var structure = LinearOptics.Compute(LarmorFrame.Of(Modes.Load("design-1GeV").Lattice));
        double qx = structure.Tunes[0], qy = structure.Tunes[1], mean = (qx + qy) / 2;
        var flat = LinearOptics.Compute(Modes.Load("flat-1GeV").Lattice);
        Assert.Equal(qx, flat.Tunes[0], 3);
        Assert.Equal(qy, flat.Tunes[1], 3);
        var rotation = LinearOptics.Compute(Modes.Load("design-1GeV").Lattice);
        Assert.Equal(mean, rotation.Tunes[0], 6);
        Assert.Equal(mean, rotation.Tunes[1], 6);
        var moebius = LinearOptics.Compute(Modes.Load("mobius-1GeV").Lattice);
        var expected = new[] { Frac(mean + 0.25), Frac(mean - 0.25) }.Order().ToArray();
        var got = moebius.FractionalTunes.Order().ToArray();
        Assert.Equal(expected[0], got[0], 6);
        Assert.Equal(expected[1], got[1], 6);
    }

    private static double Frac(double q) => q - Math.Floor(q);

    // Emittance sharing (beam-physics.md 1.2): each double-rotation mode is horizontal in one half
    // ring, so eps1 = eps2 = eps_x(flat) Jx / (Jx + Jy).
    [Fact]
    public void DoubleRotationSharesTheHorizontalEmittanceBetweenTheModes()
    {
        var flat = Optics("flat-1GeV").Envelope!;
        var rotation = Optics("design-1GeV").Envelope!;
        Assert.True(flat.Emittances[1] < 1e-9 * flat.Emittances[0]);
        double shared = flat.Emittances[0] * flat.Partition[0] / (flat.Partition[0] + flat.Partition[1]);
        Assert.InRange(rotation.Emittances[0] / shared, 0.995, 1.005);
        Assert.InRange(rotation.Emittances[1] / shared, 0.995, 1.005);
    }
}

public class MonitorOpticsTests
{
    [Fact]
    public void OperatingComparisonIsTheRmsOverBetasAndLargeDispersions()
    {
        var optics = LinearOptics.Compute(Modes.Load("operating-5cm").Lattice);
        var (points, rms) = MonitorOptics.Compare(optics);
        Assert.Equal(23, points.Count);
        // Recomputed here from the rows: beta projections at 23 points, D_x where above 1 cm.
        var d = new List<double>();
        foreach (var (name, bx, bz, dx) in MonitorOptics.Points)
        {
            var r = optics.Rows[optics.Lattice.IndexOf(name) + 1];
            d.Add((r.Beta11 + r.Beta21) / bx - 1);
            d.Add((r.Beta12 + r.Beta22) / bz - 1);
            if (dx > 0.01) d.Add(r.Dx / dx - 1);
        }
        Assert.Equal(58, d.Count);
        Assert.Equal(Math.Sqrt(d.Average(x => x * x)), rms, 12);
        // The fit improves on the design optics, which was never fitted to these points.
        var (_, design) = MonitorOptics.Compare(LinearOptics.Compute(Modes.Load("design-1GeV").Lattice));
        Assert.True(rms < design, $"operating {rms} vs design {design}");
    }

    [Fact]
    public void TheOperatingFileMatchesTheFacilitysOpticsWithinFivePercentAndIsRound()
    {
        // Issue 2's aim: under 5 % rms against the published monitor optics (vepp2000-machine.md section 4),
        // computed by the coupled 6-D model of the whole closed ring from the embedded file, which was fitted on
        // a 2x2 half-ring model (tools/ring_probe.py): a different calculation of the same ring.
        var optics = LinearOptics.Compute(Modes.Load("operating-5cm").Lattice);
        var (_, rms) = MonitorOptics.Compare(optics);
        Assert.InRange(rms, 0, 0.05);
        // Round beams at both IPs: equal plane projections near the published 5 cm.
        foreach (var ip in new[] { "SND", "CMD" })
        {
            var r = optics.Rows[optics.Lattice.IndexOf(ip) + 1];
            Assert.Equal(r.Beta11 + r.Beta21, r.Beta12 + r.Beta22, 6);
            Assert.InRange(r.Beta11 + r.Beta21, 0.045, 0.055);
        }
    }

    [Fact]
    public void TheRoundBeamReportKeepsBetaStarWhenSmallErrorsMixTheDegenerateModes()
    {
        // The operating waist is not axisymmetric (alpha*x = -alpha*y), and its two eigen-tunes coincide, so
        // 1e-4 errors of the solenoid sections mix the modes: the Edwards-Teng betx at SND then jumps by tens
        // of per cent from one error set to the next. The beam size for equal emittances does not move, and that
        // is what the round-beam report gives (the online model shows it to operators from noisy readbacks).
        var setting = OperatingFit.Setting;
        double Report(RingSetting s) => RoundBeamReport.Compute(LinearOptics.Compute(
            ModeDesigns.OpticsRing("operating-5cm", s, Vepp2k.Machine.Magnets.MagnetCatalogue.Default)), null, ["SND"]).Points[0].BetaX;
        double clean = Report(setting);
        var rng = new Random(2);
        double Error() => 1 + 1e-4 * (2 * rng.NextDouble() - 1);
        for (int trial = 0; trial < 3; trial++)
        {
            var solenoids = setting.Solenoids.Select(f => new SolenoidFields(f.S1 * Error(), f.S2 * Error(), f.S3 * Error())).ToArray();
            Assert.Equal(clean, Report(setting with { Solenoids = solenoids }), clean * 0.01);
        }
    }

    [Fact]
    public void EveryOperatingMagnetIsWithinItsPublishedLimitAtTheOperatingEnergy()
    {
        // Quadrupoles within what they reach at 0.3 GeV (52 T/m, the 6 cm F3 by its curve); main coils within
        // 13 T and the extra coil within 8 T as hard-edge fields (the mode is read as hard edges).
        var catalogue = Vepp2k.Machine.Magnets.MagnetCatalogue.Default;
        var setting = OperatingFit.Setting;
        string[] families = ["D1", "F1", "D2", "F2", "D3", "F3"];
        foreach (var quadrant in setting.Quadrants)
            foreach (var (family, k1) in families.Zip(quadrant.ToArray()))
            {
                double reach = DesignFit.QuadReach(catalogue.Find("1" + family), setting.EnergyEv);
                Assert.True(Math.Sign(k1) == Math.Sign(reach) && Math.Abs(k1) <= Math.Abs(reach), $"{family}: K1 {k1} beyond {reach}");
            }
        foreach (var solenoid in setting.Solenoids)
        {
            Assert.InRange(Math.Abs(solenoid.S1), 0, 13);
            Assert.InRange(Math.Abs(solenoid.S3), 0, 8);
        }
        // 135 degrees of Larmor rotation per solenoid in the file as read: the sum of KS L / 2 over 1S1..1S3.
        double rotation = Modes.Load("operating-5cm").Lattice.Elements.OfType<Vepp2k.Physics.Elements.Solenoid>()
            .Where(e => e.Name.StartsWith("1S", StringComparison.OrdinalIgnoreCase)).Sum(e => e.Ks * e.Length / 2);
        Assert.Equal(135.0, rotation * 180 / Math.PI, 9);
    }

    [Fact]
    public void DegenerateModesSurviveRoundingOfTheSolenoidStrengths()
    {
        // Round beams put both transverse eigenvalues on top of each other; a 1e-14 change of a
        // strength must not turn the eigen-analysis into a false "unstable".
        var lattice = Modes.Load("design-1GeV").Lattice;
        Assert.Contains(lattice.Elements, e => e is Vepp2k.Physics.Elements.ProfiledSolenoid);
        var nudged = new Vepp2k.Physics.Lattice("nudged", lattice.Elements.Select(e =>
            e is Vepp2k.Physics.Elements.ProfiledSolenoid p
                ? new Vepp2k.Physics.Elements.ProfiledSolenoid(p.Name, [.. p.Pieces.Select(s => new Vepp2k.Physics.Elements.Solenoid(s.Name, s.Length, s.Ks * (1 + 1e-14)))])
                : e), lattice.EnergyEv);
        var a = LinearOptics.Compute(lattice);
        var b = LinearOptics.Compute(nudged);
        Assert.Equal(a.Tunes[0], b.Tunes[0], 8);
        Assert.Equal(a.Tunes[1], b.Tunes[1], 8);
    }
}
