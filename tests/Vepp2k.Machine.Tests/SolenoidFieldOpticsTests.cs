using Vepp2k.Machine.Magnets;
using Vepp2k.Machine.Ring;
using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Tests;

public class SolenoidFieldOpticsTests
{
    [Fact]
    public void SlicesCarryTheProfilesRotationIntegral()
    {
        var lattice = Modes.Load("design-1GeV", hardEdge: true).Lattice;
        var sliced = SolenoidFieldOptics.Apply(lattice, MagnetCatalogue.Default);
        Assert.Equal(lattice.Circumference, sliced.Circumference, 9);
        Assert.DoesNotContain(sliced.Elements, e => e.Name.Equals("D1IP", StringComparison.OrdinalIgnoreCase));

        // Independent: the section currents from the lattice's fields, the profile, and Simpson's rule
        // on Bz(s) over the 1.5 m from the IP to the dipole.
        var catalogue = MagnetCatalogue.Default;
        double brho = lattice.MagneticRigidity;
        double[] currents = [.. Enumerable.Range(1, 3).Select(k =>
        {
            var s = lattice.Elements.OfType<Solenoid>().First(e => e.Name.Equals($"1S{k}", StringComparison.OrdinalIgnoreCase));
            return catalogue.Find($"1S{k}").CurrentFromStrength(s.Ks, lattice.EnergyEv);
        })];
        var profile = catalogue.SolenoidProfile(currents[0], currents[1], currents[2]);
        const int n = 20000;
        double h = 1.5 / n, integral = 0;
        for (int i = 0; i <= n; i++) integral += (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * profile.Field(i * h);
        integral *= h / 3;
        double rotation = sliced.Elements.OfType<ProfiledSolenoid>().Where(s => s.Name.StartsWith("1S")).Sum(s => s.RotationAngle);
        Assert.Equal(integral / (2 * brho), rotation, 5);

        // A hard-edge section stands for its coil's whole int B ds (mu0 N I), so the file's hard edges turn
        // the beam by the coils' whole integral; the slices lose only the far tails (the 1/x^3 field of
        // each coil beyond the IP and past the dipole entrance, about 0.2 %). The design was fitted to
        // 45 degrees as the slices give it.
        double hardEdge = lattice.Elements.OfType<Solenoid>().Where(s => s.Name.StartsWith("1S", StringComparison.OrdinalIgnoreCase)).Sum(s => s.RotationAngle);
        Assert.InRange(hardEdge / rotation - 1, 1e-4, 5e-3);
        Assert.Equal(Math.PI / 4, rotation, 6);

        // Quadrants 2 and 4 run towards their IP: the same solenoid seen backwards gives the same rotation.
        double rotation4 = sliced.Elements.OfType<ProfiledSolenoid>().Where(s => s.Name.StartsWith("4S")).Sum(s => s.RotationAngle);
        Assert.Equal(rotation, rotation4, 9);
    }
}
