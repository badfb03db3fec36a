namespace Vepp2k.Physics.Matching;

/// <summary>A variable the matcher may move (a MAD-X variable, an element attribute, a drift length), with bounds.</summary>
public sealed record Knob(string Name, double Initial, double Lower = double.NegativeInfinity, double Upper = double.PositiveInfinity)
{
    public double Clamp(double v) => Math.Clamp(v, Lower, Upper);
}
