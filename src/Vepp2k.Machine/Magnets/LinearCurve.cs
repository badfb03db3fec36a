namespace Vepp2k.Machine.Magnets;

/// <summary>
/// Field proportional to current on a bipolar range [-MaxCurrent, MaxCurrent]: superconducting
/// solenoid sections (no iron in the model) and the 6 A corrector windings, whose saturation and
/// hysteresis are negligible at these currents (modelled). Both branches are the same line.
/// </summary>
public sealed class LinearCurve(double fieldPerAmp, double maxCurrent) : IExcitationCurve
{
    public double FieldPerAmp { get; } = fieldPerAmp;
    public double MinCurrent => -MaxCurrent;
    public double MaxCurrent { get; } = maxCurrent;
    public bool HasHysteresis => false;

    public double Field(double current, HysteresisBranch branch) => FieldPerAmp * current;
    public double Current(double field, HysteresisBranch branch) => field / FieldPerAmp;
}
