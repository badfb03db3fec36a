using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// The ring seen in the solenoids' Larmor frame: each solenoid followed by the inverse of its
/// rotation. What remains is the uncoupled focusing structure shared by every polarity pattern; its
/// tunes are the "structure" (arc) tunes that a table of machine parameters quotes.
/// </summary>
public static class LarmorFrame
{
    public static Lattice Of(Lattice lattice) => new(lattice.Name + "-larmor",
        lattice.Elements.SelectMany(e => Rotation(e) is double angle && angle != 0
            ? [e, new SRotation(e.Name + ".larmor", -angle)]
            : new[] { e }),
        lattice.EnergyEv);

    // A run of solenoid pieces is a rotation by the sum of their angles times an uncoupled map: each
    // piece's focusing part is x-y symmetric and so commutes with the other pieces' rotations.
    private static double? Rotation(Element e) => e switch
    {
        Solenoid s => s.RotationAngle,
        ProfiledSolenoid p => p.RotationAngle,
        _ => null,
    };
}
