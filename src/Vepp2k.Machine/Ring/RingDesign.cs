using Vepp2k.Physics;

namespace Vepp2k.Machine.Ring;

/// <summary>Solenoid polarity patterns (signs of 1S, 2S, 3S, 4S). SND sits between 4S and 1S, CMD-3 between 2S and 3S.</summary>
public enum SolenoidPolarity
{
    /// <summary>No solenoid field (vacuum-conditioning structure).</summary>
    Off,

    /// <summary>(+ -) at both IPs: the rotations cancel at each IP; uncoupled outside the IRs ("flat").</summary>
    Compensated,

    /// <summary>(+ +) at SND and (- -) at CMD-3: +90 and -90 degrees; each mode horizontal in one half-ring.</summary>
    DoubleRotation,

    /// <summary>(+ +) at SND, compensated at CMD-3: one x-y exchange per turn (Talman's Moebius ring).</summary>
    Moebius,
}

/// <summary>
/// The reconstructed VEPP-2000 design (REC: not published, fitted here to the published numbers).
/// Geometry and strengths below are the result of the design fit described in docs/lattice.md
/// section 3; every mode file is generated from them by <see cref="LatticeWriter"/> (vepp2k design).
/// </summary>
public static class RingDesign
{
    public const double NominalEnergyEv = 1e9;

    /// <summary>Larmor rotation of each solenoid in the rotating modes: 45 degrees, 90 per IP.</summary>
    public const double SolenoidRotation = Math.PI / 4;

    /// <summary>Main-coil field limit [T] (abstract: two main coils up to 13 T, extra coil up to 8 T).</summary>
    public const double MainCoilLimit = 13.0;
    public const double ExtraCoilLimit = 8.0;

    /// <summary>Fitted drift splits and solenoid layout (REC, DesignFit). Triplet straight 1.148 m from the published straight lengths.</summary>
    public static readonly RingGeometry Geometry = new RingGeometry
    {
        Straight1 = 0.17884666007936384,
        Straight2 = 0.10937367222910098,
        Straight3 = 0.04230231978902334,
        TripletStraight = 1.148,
        SolenoidStart = 0.2838239846860616,
        MainCoilLength = 0.29948883963419415,
        ExtraCoilLength = 0.31390021606090984,
        BpmOffset = 0,
    }.WithSymmetricTriplet(0.22979594572298484);

    /// <summary>Design quadrupole strengths K1 [1/m^2], the same in all four quadrants (REC, fitted).</summary>
    public static readonly QuadrantStrengths DesignQuads = new(
        D1: -7.074006264035091, F1: 15.589162767697719, D2: -7.073930833111614,
        F2: 15.524131621833215, D3: -12.936224906795937, F3: 2.6144143870550867);

    /// <summary>
    /// Main-coil hard-edge field [T] at 1 GeV (fitted: the solenoid's peak on-axis field is
    /// DesignFit.MainPeakField; solenoid.json explains hard-edge versus peak field).
    /// </summary>
    public const double DesignMainField = 13.062413550014014;

    /// <summary>
    /// Extra-coil hard-edge field [T] at 1 GeV (fitted): with the main coils, a 45 degree Larmor rotation
    /// as the field-profile slices give it.
    /// </summary>
    public const double DesignExtraField = -8.19706274434533;

    /// <summary>The plus-polarity fields of one solenoid in the design modes.</summary>
    public static SolenoidFields DesignSolenoid => new(DesignMainField, DesignMainField, DesignExtraField);

    /// <summary>
    /// The three section fields of one solenoid for a given main-coil field and Larmor rotation:
    /// the extra coil sets the rotation (int B ds) without changing much of the focusing (int B^2 ds).
    /// </summary>
    public static SolenoidFields Solenoid(RingGeometry g, double mainField, double rotation, double energyEv)
    {
        double brho = Constants.MagneticRigidity(energyEv);
        double extra = (2 * rotation * brho - 2 * g.MainCoilLength * mainField) / g.ExtraCoilLength;
        return new SolenoidFields(mainField, mainField, extra);
    }

    public static IReadOnlyList<SolenoidFields> Polarity(SolenoidFields plus, SolenoidPolarity polarity) => polarity switch
    {
        SolenoidPolarity.Off => [new(0, 0, 0), new(0, 0, 0), new(0, 0, 0), new(0, 0, 0)],
        SolenoidPolarity.Compensated => [plus, plus.Reversed(), plus, plus.Reversed()],
        SolenoidPolarity.DoubleRotation => [plus, plus.Reversed(), plus.Reversed(), plus],
        SolenoidPolarity.Moebius => [plus, plus.Reversed(), plus, plus],
        _ => throw new ArgumentOutOfRangeException(nameof(polarity)),
    };
}
