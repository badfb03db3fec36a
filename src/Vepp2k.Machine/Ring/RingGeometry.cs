namespace Vepp2k.Machine.Ring;

/// <summary>
/// Lengths that fix where things sit in one quadrant (SI, metres), IP to long-straight centre.
/// Published (abstract, vepp2000-machine.md): C = 24.388 m, rho = 1.40 m, 45 degree dipoles,
/// 3 m experimental and 2.5 m technical straights, quads of 19, 14 and 6 cm. Everything else here
/// is reconstructed (no element-by-element lattice is published) and fitted: the design's layout
/// (RingDesign.Geometry) to Table 1 at 1 GeV, the operating layout (OperatingFit.Geometry) to the
/// facility's optics at the monitors. No one layout we found carries both (docs/lattice.md section 4).
/// </summary>
public sealed record RingGeometry
{
    public const double Circumference = 24.388;
    public const double BendRadius = 1.40;
    public const double BendAngle = Math.PI / 4;
    public static double BendLength => BendRadius * BendAngle;
    public const double ExperimentalHalfStraight = 1.5;

    /// <summary>Arc length inside each dipole end to the synchrotron-light source point (2.04 deg, vepp2000-machine.md 3.1).</summary>
    public const double LightSourceDepth = 0.05;

    public const double LongQuadLength = 0.19;
    public const double QuadLength = 0.14;
    public const double ShortQuadLength = 0.06;

    // Final-focus solenoid (assumed): two main coils back to back, then the extra coil.
    public double SolenoidStart { get; init; } = 0.35;
    public double MainCoilLength { get; init; } = 0.25;
    public double ExtraCoilGap { get; init; } = 0.02;
    public double ExtraCoilLength { get; init; } = 0.16;

    /// <summary>
    /// Drifts of the triplet straight in the beam direction of quadrant 1: qM1 to D1, D1 to F1, F1 to D2 (D2 to qM2
    /// is the rest, <see cref="TripletDrift4"/>).
    /// </summary>
    public double TripletDrift1 { get; init; } = 0.17;
    public double TripletDrift2 { get; init; } = 0.169;
    public double TripletDrift3 { get; init; } = 0.169;

    /// <summary>Whether the BPM sits in the F1-D2 drift (after F1) rather than in the D1-F1 drift.</summary>
    public bool BpmAfterF1 { get; init; }

    /// <summary>Distance of the BPM from the nearer face of F1, in the drift <see cref="BpmAfterF1"/> names (0 = at F1).</summary>
    public double BpmOffset { get; init; } = 0.05;

    /// <summary>
    /// Whether the 6 cm F3 sits next to the dipole (F3, D3, F2 from qM2) rather than at the straight's centre side
    /// (F2, D3, F3). The sources do not give the order (vepp2000-machine.md 3.2).
    /// </summary>
    public bool ShortQuadNextToDipole { get; init; }

    /// <summary>Drifts in the technical half straight from qM2: to the first quadrupole, to the second, to the third (the rest runs to the centre).</summary>
    public double Straight1 { get; init; } = 0.08;
    public double Straight2 { get; init; } = 0.18;
    public double Straight3 { get; init; } = 0.35;

    /// <summary>
    /// Dipole-to-dipole length of the triplet straight. 1.148 m if the published 3 m and 2.5 m are
    /// dipole-edge to dipole-edge lengths; the abstract does not define them, so it is fitted.
    /// </summary>
    public double TripletStraight { get; init; } = 1.148;

    /// <summary>Half of the RF or injection straight: what the circumference leaves.</summary>
    public double TechnicalHalfStraight => Circumference / 4 - ExperimentalHalfStraight - TripletStraight - 2 * BendLength;
    public double TripletDrift4 => TripletStraight - 2 * QuadLength - LongQuadLength - TripletDrift1 - TripletDrift2 - TripletDrift3;

    /// <summary>A symmetric triplet: qM1 to D1 and D2 to qM2 both <paramref name="outer"/>, the two inner drifts equal.</summary>
    public RingGeometry WithSymmetricTriplet(double outer)
    {
        double inner = (TripletStraight - 2 * QuadLength - LongQuadLength) / 2 - outer;
        return this with { TripletDrift1 = outer, TripletDrift2 = inner, TripletDrift3 = inner };
    }
    public double Straight4 => TechnicalHalfStraight - Straight1 - Straight2 - Straight3 - 2 * QuadLength - ShortQuadLength;
    public double SolenoidEnd => SolenoidStart + 2 * MainCoilLength + ExtraCoilGap + ExtraCoilLength;

    /// <summary>Throws if a drift came out negative or the solenoid does not fit in the straight.</summary>
    public void Validate()
    {
        if (TripletDrift1 <= 0.02 || TripletDrift2 <= 0.02 || TripletDrift3 <= 0.02 || TripletDrift4 <= 0.02)
            throw new ArgumentException("triplet drifts must exceed 2 cm");
        if (BpmOffset < 0 || BpmOffset > (BpmAfterF1 ? TripletDrift3 : TripletDrift2)) throw new ArgumentException("the BPM must sit in its drift next to F1");
        if (Straight4 <= 0.02 || Straight1 <= 0.02 || Straight2 <= 0.02 || Straight3 <= 0.02)
            throw new ArgumentException("technical-straight drifts must exceed 2 cm");
        if (SolenoidEnd >= ExperimentalHalfStraight - 0.05) throw new ArgumentException("solenoid does not fit in the experimental straight");
    }
}
