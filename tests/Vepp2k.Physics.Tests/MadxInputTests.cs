using Vepp2k.MadX;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Input;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Tests;

public class MadxInputTests
{
    [Fact]
    public void MadxFodoHasTheThinLensTunes()
    {
        // 90 degree thin-lens cells: f = L / (2 sqrt 2) for L = 4 m; quads 1 um long.
        var doc = MadxReader.ParseText("""
            beam, particle=electron, energy=1;
            lq = 1e-6; f = 4/(2*sqrt(2));
            qf: quadrupole, l=lq/2, k1=1/(f*lq); qd: quadrupole, l=lq, k1=-1/(f*lq);
            d: drift, l=2-lq;
            cell: line=(qf, d, qd, d, qf);
            ring: line=(8*cell);
            use, period=ring;
            """);
        var optics = LinearOptics.Compute(MadxLattice.Build(doc).Lattice);
        Assert.Equal(2.0, optics.Tunes[0], 4);
        Assert.Equal(2.0, optics.Tunes[1], 4);
    }

    [Fact]
    public void UnitsAndRbendFollowMadx()
    {
        var doc = MadxReader.ParseText("""
            beam, particle=positron, energy=0.5;
            rb: rbend, l=1.0, angle=0.4, e1=0.1;
            rf: rfcavity, volt=0.12, lag=0.5, freq=172.1;
            q: quadrupole, l=0.1, k1=2, tilt=0.2;
            s: solenoid, l=0.3, ks=1.5;
            x: sextupole, l=0.1, k2=10;
            ring: line=(rb, rf, q, s, x);
            use, period=ring;
            """);
        var result = MadxLattice.Build(doc);
        Assert.Equal(0.5e9, result.Lattice.EnergyEv);
        var bend = Assert.IsType<SectorBend>(result.Lattice.Elements[0]);
        Assert.Equal(1.0 * 0.2 / Math.Sin(0.2), bend.Length, 12);   // chord -> arc
        Assert.Equal(0.1 + 0.2, bend.E1, 12);                        // face angle + angle/2
        Assert.Equal(0.2, bend.E2, 12);
        var cavity = Assert.IsType<RfCavity>(result.Lattice.Elements[1]);
        Assert.Equal(0.12e6, cavity.VoltageV);
        Assert.Equal(172.1e6, cavity.FrequencyHz, 3);
        Assert.IsType<Solenoid>(result.Lattice.Elements[3]);
        Assert.IsType<ThickMultipole>(result.Lattice.Elements[4]);
    }

    [Fact]
    public void UnknownElementsBecomeDriftsWithAWarning()
    {
        var doc = MadxReader.ParseText("""
            beam, particle=electron, energy=1;
            w: wire, l=0.5;
            d: drift, l=1;
            ring: line=(w, d);
            use, period=ring;
            """);
        var result = MadxLattice.Build(doc);
        Assert.Contains(result.Warnings, w => w.Contains("wire"));
        Assert.Equal(1.5, result.Lattice.Circumference, 12);
    }
}
