using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// The phases added at an arc's exit: z_beta = W a (W's columns Re v_k, Im v_k of the 4-D eigenvectors
/// there, z_beta the deviation with the dispersion D delta taken out), and each mode's phase grows by
/// PhasePerDelta_k delta (the chromatic phase) plus Offset_k (a working point other than the lattice's).
/// The eigenvalue of v_k is exp(-2 pi i Q_k), so a tune larger by dQ turns (a_k, b_k) by +2 pi dQ.
/// </summary>
public sealed record ArcPhases(Matrix6 Normal, Matrix6 Inverse, double[] Dispersion, double[] PhasePerDelta, double[] Offset);

/// <summary>
/// A stretch of ring between two IPs as one linear 6-D map (the fast beam-beam model, beam-physics.md
/// 3.3 (a)): with radiation on, z -> orbit_out + M (z - orbit_in), M the radiative transfer matrix about
/// the 6-D closed orbit, after a Gaussian kick whose covariance carried through M is the stretch's quantum
/// excitation; with radiation off, the symplectic matrix about zero. Then the chromatic phase
/// (<see cref="ArcPhases"/>), the only nonlinearity kept: the tunes depend on delta through the
/// chromaticity; and, for a working-point scan, a fixed phase that moves the tunes.
/// </summary>
public sealed class LinearArc(string name, double length, IReadOnlyList<double> orbitIn, IReadOnlyList<double> orbitOut,
    Matrix6 radiative, Matrix6 symplectic, Matrix6 noiseBefore, ArcPhases phases) : Element(name, length), IRandomKick
{
    private static readonly double[] Zero = new double[6];
    private readonly double[] orbitIn = [.. orbitIn];
    private readonly double[] orbitOut = [.. orbitOut];
    private readonly Matrix6 radiative = radiative.Clone();
    private readonly Matrix6 symplectic = symplectic.Clone();
    private readonly Matrix6 noise = noiseBefore.Clone();

    public override string Keyword => "lineararc";

    public override Element Reversed() => throw new OpticsException($"{Name}: a linear arc has no reversed form here");

    public override void Track(ref Phase<Real> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Dual6> p, in TrackContext context) => Map(ref p, context);

    public override void Track(ref Phase<Vec4> p, in TrackContext context) => Map(ref p, context);

    public void Kick(ref Phase<Vec4> p, ulong seed, int first, int turn, int index, in TrackContext context) =>
        GaussianNoise.Kick(ref p, noise, seed, first, turn, index);

    private void Map<T>(ref Phase<T> p, in TrackContext context) where T : struct, IScalar<T>
    {
        var at = context.Radiation ? orbitOut : Zero;
        p = context.Radiation ? MatrixAbout.Apply(radiative, orbitIn, orbitOut, p) : MatrixAbout.Apply(symplectic, Zero, Zero, p);
        Chromatic(ref p, at);
    }

    private void Chromatic<T>(ref Phase<T> p, double[] at) where T : struct, IScalar<T>
    {
        var (w, wi, d) = (phases.Normal, phases.Inverse, phases.Dispersion);
        T delta = p.Delta - at[4];
        T b0 = p.X - at[0] - delta * d[0], b1 = p.Px - at[1] - delta * d[1], b2 = p.Y - at[2] - delta * d[2], b3 = p.Py - at[3] - delta * d[3];
        T a0 = Row(wi, 0, b0, b1, b2, b3), a1 = Row(wi, 1, b0, b1, b2, b3), a2 = Row(wi, 2, b0, b1, b2, b3), a3 = Row(wi, 3, b0, b1, b2, b3);
        (a0, a1) = Turn(a0, a1, delta * phases.PhasePerDelta[0] + phases.Offset[0]);
        (a2, a3) = Turn(a2, a3, delta * phases.PhasePerDelta[1] + phases.Offset[1]);
        p.X = Row(w, 0, a0, a1, a2, a3) + delta * d[0] + at[0];
        p.Px = Row(w, 1, a0, a1, a2, a3) + delta * d[1] + at[1];
        p.Y = Row(w, 2, a0, a1, a2, a3) + delta * d[2] + at[2];
        p.Py = Row(w, 3, a0, a1, a2, a3) + delta * d[3] + at[3];
    }

    private static (T, T) Turn<T>(T a, T b, T phase) where T : struct, IScalar<T>
    {
        T cos = T.Cos(phase), sin = T.Sin(phase);
        return (a * cos - b * sin, a * sin + b * cos);
    }

    private static T Row<T>(Matrix6 m, int i, T u0, T u1, T u2, T u3) where T : struct, IScalar<T> =>
        u0 * m[i, 0] + u1 * m[i, 1] + u2 * m[i, 2] + u3 * m[i, 3];
}
