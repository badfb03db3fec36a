namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Turn-by-turn transverse coordinates at the start of the ring, for tune analysis: entry
/// [particle * Turns + turn] after that many turns (turn 0 is the first pass). A lost particle's
/// later entries are NaN.
/// </summary>
public sealed class TurnRecord
{
    public TurnRecord(int particles, int turns)
    {
        Particles = particles; Turns = turns;
        long size = (long)particles * turns;
        X = new double[size]; Px = new double[size]; Y = new double[size]; Py = new double[size];
        Array.Fill(X, double.NaN); Array.Fill(Px, double.NaN); Array.Fill(Y, double.NaN); Array.Fill(Py, double.NaN);
    }

    public int Particles { get; }
    public int Turns { get; }
    public double[] X { get; }
    public double[] Px { get; }
    public double[] Y { get; }
    public double[] Py { get; }

    public ReadOnlySpan<double> XOf(int particle) => X.AsSpan(particle * Turns, Turns);
    public ReadOnlySpan<double> PxOf(int particle) => Px.AsSpan(particle * Turns, Turns);
    public ReadOnlySpan<double> YOf(int particle) => Y.AsSpan(particle * Turns, Turns);
    public ReadOnlySpan<double> PyOf(int particle) => Py.AsSpan(particle * Turns, Turns);
}
