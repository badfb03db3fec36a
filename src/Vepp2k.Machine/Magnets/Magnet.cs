using System.Globalization;
using Vepp2k.Physics;

namespace Vepp2k.Machine.Magnets;

/// <summary>
/// One powered element of the catalogue: its facility name, what it is, where its current is set,
/// and its excitation curve. Conversions refuse anything outside the supply range, naming the magnet.
/// Sign convention: strength = Polarity * StrengthScale * field / B rho, with the field following
/// the sign of the current (bipolar elements) and Polarity the wiring (-1 for D quadrupoles, so
/// their K1 is negative; +1 otherwise). StrengthScale is the arc length for a dipole (strength =
/// bend angle) and 1 for everything else.
/// </summary>
public sealed class Magnet
{
    private readonly double[] fieldLow = new double[2];
    private readonly double[] fieldHigh = new double[2];

    public Magnet(string name, MagnetKind kind, string family, int quadrant, string supply, string channel,
        double length, int polarity, double strengthScale, IExcitationCurve curve, string host = "", string mapping = "")
    {
        (Name, Kind, Family, Quadrant, Supply, Channel) = (name, kind, family, quadrant, supply, channel);
        (Length, Polarity, StrengthScale, Curve, Host, Mapping) = (length, polarity, strengthScale, curve, host, mapping);
        foreach (var b in (ReadOnlySpan<HysteresisBranch>)[HysteresisBranch.Up, HysteresisBranch.Down])
        {
            fieldLow[(int)b] = curve.Field(curve.MinCurrent, b);
            fieldHigh[(int)b] = curve.Field(curve.MaxCurrent, b);
        }
    }

    /// <summary>Facility name, e.g. 1M1, 2F3, 4S3, 3SQ2.</summary>
    public string Name { get; }
    public MagnetKind Kind { get; }
    /// <summary>Name within the quadrant: M1, D2, F1, S3, F1X, SD ...</summary>
    public string Family { get; }
    public int Quadrant { get; }
    /// <summary>Power supply: "PS" for the dipoles in series, else the element's own supply.</summary>
    public string Supply { get; }
    /// <summary>Control-system channel of the supply, e.g. VEPP/QUAD/1F1.</summary>
    public string Channel { get; }
    /// <summary>Magnetic length [m] (winding host length for corrector windings).</summary>
    public double Length { get; }
    public int Polarity { get; }
    public double StrengthScale { get; }
    public IExcitationCurve Curve { get; }
    /// <summary>Physical winding the channel drives (correctors only), e.g. 1F1 or 1SX.</summary>
    public string Host { get; }
    /// <summary>The assumption behind the channel-to-winding mapping (correctors only).</summary>
    public string Mapping { get; }

    public string FieldUnit => MagnetUnits.Field(Kind);
    public string StrengthUnit => MagnetUnits.Strength(Kind);

    public double MinCurrent => Curve.MinCurrent;
    public double MaxCurrent => Curve.MaxCurrent;
    public double MinField(HysteresisBranch branch = HysteresisBranch.Up) => fieldLow[(int)branch];
    public double MaxField(HysteresisBranch branch = HysteresisBranch.Up) => fieldHigh[(int)branch];

    public double FieldFromCurrent(double current, HysteresisBranch branch = HysteresisBranch.Up)
    {
        // Like the field range, a current a few ulps past an end (Min + (Max - Min) rounds) is the end.
        double slack = RoundOff * (MaxCurrent - MinCurrent);
        if (!(current >= MinCurrent - slack && current <= MaxCurrent + slack))
            throw OutOfRange($"current {F(current)} A", $"{F(MinCurrent)} .. {F(MaxCurrent)} A");
        return Curve.Field(Math.Clamp(current, MinCurrent, MaxCurrent), branch);
    }

    public double CurrentFromField(double field, HysteresisBranch branch = HysteresisBranch.Up)
    {
        if (!InFieldRange(field, branch))
            throw OutOfRange($"field {F(field)} {FieldUnit}",
                $"{F(fieldLow[(int)branch])} .. {F(fieldHigh[(int)branch])} {FieldUnit} ({F(MinCurrent)} .. {F(MaxCurrent)} A, {branch} branch)");
        return CurrentInRange(field, branch);
    }

    public double StrengthFromCurrent(double current, double energyEv, HysteresisBranch branch = HysteresisBranch.Up)
    {
        BeamEnergyRange.Check(energyEv);
        return StrengthAtRigidity(current, Constants.MagneticRigidity(energyEv), branch);
    }

    public double CurrentFromStrength(double strength, double energyEv, HysteresisBranch branch = HysteresisBranch.Up)
    {
        BeamEnergyRange.Check(energyEv);
        return CurrentAtRigidity(strength, energyEv, Constants.MagneticRigidity(energyEv), branch);
    }

    /// <summary>With B rho [T m] already known: the machine-state loop computes it once per state.</summary>
    internal double StrengthAtRigidity(double current, double brho, HysteresisBranch branch) =>
        Polarity * StrengthScale * FieldFromCurrent(current, branch) / brho;

    internal double CurrentAtRigidity(double strength, double energyEv, double brho, HysteresisBranch branch)
    {
        double field = strength * brho / (Polarity * StrengthScale);
        if (!InFieldRange(field, branch))
        {
            double a = Polarity * StrengthScale * fieldLow[(int)branch] / brho, b = Polarity * StrengthScale * fieldHigh[(int)branch] / brho;
            throw OutOfRange($"strength {F(strength)} {StrengthUnit}",
                $"{F(Math.Min(a, b))} .. {F(Math.Max(a, b))} {StrengthUnit} at {F(energyEv / 1e9)} GeV ({F(MinCurrent)} .. {F(MaxCurrent)} A, {branch} branch)");
        }
        return CurrentInRange(field, branch);
    }

    public override string ToString() => $"{Name} ({Kind}, {Channel})";

    /// <summary>
    /// A range end computed through B rho may land a few ulps outside the tabulated end; such
    /// values are accepted (and the current clamped) so that the full range is reachable both ways.
    /// </summary>
    private bool InFieldRange(double field, HysteresisBranch branch)
    {
        double low = fieldLow[(int)branch], high = fieldHigh[(int)branch], slack = RoundOff * (high - low);
        return field >= low - slack && field <= high + slack;
    }

    private double CurrentInRange(double field, HysteresisBranch branch) =>
        Math.Clamp(Curve.Current(field, branch), MinCurrent, MaxCurrent);

    private const double RoundOff = 1e-13;

    private ArgumentOutOfRangeException OutOfRange(string what, string range) =>
        new(Name, $"{Name}: {what} is outside the range {range}");

    private static string F(double x) => x.ToString("G6", CultureInfo.InvariantCulture);
}
