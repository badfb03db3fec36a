using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;
using Vepp2k.Web;

namespace Vepp2k.Web.Tests;

/// <summary>The console's ring drawing, built from the lattice: it must be the VEPP-2000 ring.</summary>
public sealed class RingLayoutTests
{
    private static readonly RingLayoutDto Layout = RingLayout.Build(new MagnetSystem(MagnetCatalogue.Default, new SimulatedHardware(MagnetCatalogue.Default, TimeProvider.System)), "design-1GeV");

    [Fact]
    public void The_orbit_closes_after_24_388_m_with_the_ips_opposite()
    {
        Assert.Equal(24.388, Layout.Circumference, 3);
        double[] first = Layout.Orbit[0], last = Layout.Orbit[^1];
        Assert.True(double.Hypot(last[0] - first[0], last[1] - first[1]) < 1e-6, $"orbit ends at ({last[0]}, {last[1]})");
        var snd = Layout.Items.Single(i => i.Name == "SND");
        var cmd = Layout.Items.Single(i => i.Name == "CMD");
        Assert.Equal(Layout.Circumference / 2, cmd.S - snd.S, 3);
    }

    [Fact]
    public void Every_magnet_is_drawn_once_with_its_supply()
    {
        var dipoles = Layout.Items.Where(i => i.Kind == "Dipole").ToList();
        Assert.Equal(8, dipoles.Count);
        Assert.All(dipoles, d => Assert.Equal("PS", d.Element));
        // Each dipole bends by 45 degrees: its chord is 2 rho sin(22.5 deg) with rho = 1.40 m.
        Assert.All(dipoles, d => Assert.Equal(2 * 1.40 * Math.Sin(Math.PI / 8), double.Hypot(d.Points[^1][0] - d.Points[0][0], d.Points[^1][1] - d.Points[0][1]), 2));
        Assert.Equal(24, Layout.Items.Count(i => i.Kind == "Quadrupole"));
        Assert.Equal(12, Layout.Items.Count(i => i.Kind == "SolenoidSection"));
        Assert.Contains(Layout.Correctors, c => c.Name == "1F1X" && c.S is not null);
    }

    [Fact]
    public void The_sixteen_light_monitors_and_four_bpms_are_drawn_on_their_dipoles_and_triplets()
    {
        var monitors = Layout.Items.Where(i => i.Kind == "Monitor").ToList();
        Assert.Equal(20, monitors.Count);
        Assert.Equal(4, monitors.Count(m => m.Name.StartsWith("BPM", StringComparison.Ordinal)));
        // A light monitor looks at the end of its dipole: it lies inside that dipole's stretch of s.
        foreach (var m in monitors.Where(m => !m.Name.StartsWith("BPM", StringComparison.Ordinal)))
        {
            var dipole = Layout.Items.Single(i => i.Kind == "Dipole" && i.Name == m.Name[..^1]);
            Assert.InRange(m.S, dipole.S, dipole.S + dipole.Length);
        }
        Assert.Equal(8, Layout.Items.Count(i => i.Kind == "Dipole"));
    }
}
