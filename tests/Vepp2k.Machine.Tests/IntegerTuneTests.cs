using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Tests;

/// <summary>
/// The integer parts of the eigen-tunes of the round-beam ring: each mode is horizontal in one half
/// of the ring and vertical in the other (double rotation), so both modes carry (4 + 2)/2 = 3 whole
/// turns, and the two tunes add up to the phase the ring gives both planes. Small errors split the
/// degenerate pair; the integer parts must not jump with the combination the errors pick.
/// </summary>
public sealed class IntegerTuneTests
{
    [Fact]
    public void Round_beam_modes_each_carry_three_turns()
    {
        var tunes = LinearOptics.Compute(Modes.Load("design-1GeV").Lattice).Tunes;
        Assert.Equal(3.1, tunes[0], 1e-6);
        Assert.Equal(3.1, tunes[1], 1e-6);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Small_field_errors_leave_the_integer_parts_alone(int seed)
    {
        var design = Modes.Load("design-1GeV").Lattice;
        var random = new Random(seed);
        double Error() => 1 + 1e-4 * (2 * random.NextDouble() - 1);
        var perturbed = design.Elements.Select(e => e switch
        {
            Quadrupole q => new Quadrupole(q.Name, q.Length, q.K1 * Error(), q.K1s, q.TiltAngle),
            ProfiledSolenoid s => Scaled(s, Error()),
            _ => e,
        }).ToList();
        var tunes = LinearOptics.Compute(new Lattice(design.Name, perturbed, design.EnergyEv)).Tunes;
        Assert.Equal(3, Math.Floor(tunes[0]));
        Assert.Equal(3, Math.Floor(tunes[1]));
        Assert.Equal(6.2, tunes[0] + tunes[1], 2e-3);
    }

    private static Element Scaled(ProfiledSolenoid run, double factor) =>
        new ProfiledSolenoid(run.Name, [.. run.Pieces.Select(p => new Solenoid(p.Name, p.Length, p.Ks * factor))]);
}
