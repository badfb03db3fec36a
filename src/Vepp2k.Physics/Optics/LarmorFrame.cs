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
        lattice.Elements.SelectMany(e => e is Solenoid s && s.Ks != 0
            ? [e, new SRotation(s.Name + ".larmor", -s.RotationAngle)]
            : new[] { e }),
        lattice.EnergyEv);
}
