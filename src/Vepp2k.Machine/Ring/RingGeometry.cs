namespace Vepp2k.Machine.Ring;

/// <summary>
/// Lengths that fix where things sit in one quadrant (SI, metres), IP to long-straight centre.
/// Published (abstract, vepp2000-machine.md): C = 24.388 m, rho = 1.40 m, 45 degree dipoles,
/// 3 m experimental and 2.5 m technical straights, quads of 19, 14 and 6 cm. Everything else here
/// is reconstructed (no element-by-element lattice is published): the solenoid layout is an
/// assumption; the drift splits are fitted to the operating optics at the monitors.
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

    /// <summary>Drift from the dipole to D1/D2 of the triplet; the rest of the 1.148 m straight is between D and F1.</summary>
    public double TripletOuter { get; init; } = 0.17;

    /// <summary>Distance of the BPM upstream of the F1 entrance face, in the D1-F1 drift (0 = at F1).</summary>
    public double BpmOffset { get; init; } = 0.05;

    /// <summary>Drifts in the technical half straight: dipole to F2, F2 to D3, D3 to F3 (F3 to centre is the rest).</summary>
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
    public double TripletInner => (TripletStraight - 2 * QuadLength - LongQuadLength) / 2 - TripletOuter;
    public double Straight4 => TechnicalHalfStraight - Straight1 - Straight2 - Straight3 - 2 * QuadLength - ShortQuadLength;
    public double SolenoidEnd => SolenoidStart + 2 * MainCoilLength + ExtraCoilGap + ExtraCoilLength;

    /// <summary>Throws if a drift came out negative or the solenoid does not fit in the straight.</summary>
    public void Validate()
    {
        if (BpmOffset < 0 || BpmOffset > TripletInner) throw new ArgumentException("the BPM must sit in the D1-F1 drift");
        if (TripletInner <= 0.02 || TripletOuter <= 0.02) throw new ArgumentException("triplet drifts must exceed 2 cm");
        if (Straight4 <= 0.02 || Straight1 <= 0.02 || Straight2 <= 0.02 || Straight3 <= 0.02)
            throw new ArgumentException("technical-straight drifts must exceed 2 cm");
        if (SolenoidEnd >= ExperimentalHalfStraight - 0.05) throw new ArgumentException("solenoid does not fit in the experimental straight");
    }
}
