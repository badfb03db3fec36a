using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// RF cavity, thin kick in the middle of its length. MAD-X inputs: VOLT [MV], LAG [2 pi],
/// FREQ [MHz] or HARMON. The energy gain is V sin(2 pi LAG + 2 pi f ct / c): with ct the path
/// lengthening, LAG = 0.5 is the stable phase above transition (as in MAD-X for electron rings).
/// A harmonic number is turned into a frequency once the ring's circumference is known.
/// </summary>
public sealed class RfCavity(string name, double length, double voltageV, double lag, double frequencyHz, double harmonic)
    : Element(name, length)
{
    public double VoltageV { get; } = voltageV;
    public double Lag { get; } = lag;
    public double FrequencyHz { get; } = frequencyHz;
    public double Harmonic { get; } = harmonic;
    public override string Keyword => "rfcavity";

    /// <summary>This cavity with its frequency set from the harmonic number and the ring length.</summary>
    public RfCavity Resolved(double circumference) =>
        FrequencyHz > 0 || Harmonic <= 0 ? this
            : new RfCavity(Name, Length, VoltageV, Lag, Harmonic * Constants.SpeedOfLight / circumference, Harmonic);

    // Both beams are accelerated at the same phase of the same field.
    public override Element Reversed() => this;

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        Drift.Apply(ref p, Length / 2);
        if (VoltageV != 0 && FrequencyHz > 0)
        {
            double k = 2 * Math.PI * FrequencyHz / Constants.SpeedOfLight;
            p.Delta = p.Delta + T.Sin(p.Ct * k + 2 * Math.PI * Lag) * (VoltageV / context.EnergyEv);
        }
        Drift.Apply(ref p, Length / 2);
    }
}
