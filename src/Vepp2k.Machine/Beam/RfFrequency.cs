using Vepp2k.Physics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// The RF frequency moved off the ring's harmonic: with the frequency held, the closed orbit must be
/// 1 + shift times shorter, so the beam's momentum moves by delta = -shift / eta (eta = alpha_c - 1/gamma^2)
/// and the orbit by D delta. How a dispersion is measured on a real ring.
/// </summary>
public static class RfFrequency
{
    /// <summary>
    /// The ring with every cavity's frequency scaled by 1 + <paramref name="relativeShift"/>: the cavities' wave
    /// number scaled, and the RF period's slip against the reference revolution, C shift / (1 + shift) of path
    /// per turn, carried by a <see cref="PathLengthOffset"/> at the start.
    /// </summary>
    public static Lattice Shifted(Lattice ring, double relativeShift)
    {
        if (relativeShift == 0) return ring;
        var elements = ring.Elements.Select(e => e is RfCavity c
            ? new RfCavity(c.Name, c.Length, c.VoltageV, c.Lag, c.FrequencyHz * (1 + relativeShift), c.Harmonic)
            : e).Prepend(new PathLengthOffset("RF.slip", ring.Circumference * relativeShift / (1 + relativeShift)));
        return new Lattice(ring.Name, elements, ring.EnergyEv);
    }
}
