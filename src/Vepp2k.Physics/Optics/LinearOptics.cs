using System.Numerics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// Coupled 4-D linear optics of a ring on its closed orbit: eigenmodes of the one-turn map,
/// Mais-Ripken and Edwards-Teng functions at every element, phase advances followed element by
/// element (so integer tunes come out right even at integer or half-integer fractional tunes),
/// dispersion, momentum compaction, and chromaticity of both modes.
/// </summary>
public sealed class LinearOptics
{
    private LinearOptics(Lattice lattice, TwissRow[] rows, double[] tunes, double[] fractional, double alphaC,
        Matrix6 oneTurn, Eigenmodes modes, double[] dispersion0, Matrix6[] cumulative)
    {
        Lattice = lattice; Rows = rows; Tunes = tunes; FractionalTunes = fractional;
        MomentumCompaction = alphaC; OneTurn = oneTurn; Modes = modes; Dispersion0 = dispersion0;
        Cumulative = cumulative;
    }

    public Lattice Lattice { get; }
    public IReadOnlyList<TwissRow> Rows { get; }

    /// <summary>Eigen-tunes with integer parts (mode 1 x-like, mode 2 y-like).</summary>
    public IReadOnlyList<double> Tunes { get; }
    public IReadOnlyList<double> FractionalTunes { get; }
    public double MomentumCompaction { get; }

    /// <summary>The one-turn Jacobian at the start of the ring (6x6, cavities inactive on delta).</summary>
    public Matrix6 OneTurn { get; }
    public Eigenmodes Modes { get; }
    public IReadOnlyList<double> Dispersion0 { get; }

    /// <summary>Cumulative Jacobian from the start to the exit of each element.</summary>
    public IReadOnlyList<Matrix6> Cumulative { get; }

    /// <summary>Starting Twiss row (s = 0), identical in form to the others.</summary>
    public TwissRow Start => Rows[0];

    /// <summary>Fractional tune split below which a pair counts its integer parts as a degenerate one.</summary>
    private const double NearlyDegenerate = 1e-3;

    public static LinearOptics Compute(Lattice lattice, double delta = 0)
    {
        var context = new TrackContext(lattice.EnergyEv, false);
        var elements = lattice.Elements;
        var orbit = ClosedOrbit.Find4D(elements, delta, context);
        var (orbits, jacobians) = Tracker.TrackRecording(elements, orbit, context);
        var m = jacobians[^1];
        var modes = Eigenmodes.Analyze(m, 4);
        int arc = ArcPoint(elements);
        if (modes.Degenerate) modes = AlignInArc(modes, jacobians[arc]);
        modes = OrderInArc(modes, jacobians[arc]);

        // Dispersion: fixed point of the 4x5 augmented map, (I - M44) D = M[0:4, 4].
        var a = new Matrix6();
        var rhs = new double[4];
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < 4; j++) a[i, j] = (i == j ? 1 : 0) - m[i, j];
            rhs[i] = m[i, 4];
        }
        var d0 = a.Solve(rhs, 4);
        double dct = m[5, 4];
        for (int j = 0; j < 4; j++) dct += m[5, j] * d0[j];
        double alphaC = dct / lattice.Circumference;

        var phase = new PhaseFollower(modes.Vectors[0], modes.Vectors[1]);
        var rows = Table(lattice, orbit, orbits, jacobians, context, modes.Vectors[0], modes.Vectors[1], d0, phase);

        var fractional = new[] { modes.FractionalTune(0), modes.FractionalTune(1) };
        double[] followed = [phase.Total(0), phase.Total(1)];
        double split = Math.Abs(fractional[0] - fractional[1]);
        if (!modes.Degenerate && Math.Min(split, 1 - split) < NearlyDegenerate)
        {
            // A nearly degenerate pair (a round-beam ring with small errors) takes its integer parts
            // from the plane-aligned basis of the exactly degenerate case, so they do not jump with
            // whichever combination the errors happen to pick (docs/physics.md).
            var aligned = OrderInArc(AlignInArc(modes, jacobians[arc]), jacobians[arc]);
            var follower = new PhaseFollower(aligned.Vectors[0], aligned.Vectors[1]);
            Walk(elements, orbit, orbits, jacobians, context, aligned.Vectors[0], aligned.Vectors[1], follower);
            followed = [follower.Total(0), follower.Total(1)];
        }
        var tunes = new double[2];
        for (int k = 0; k < 2; k++)
            tunes[k] = Math.Round(followed[k] / (2 * Math.PI) - fractional[k]) + fractional[k];
        return new LinearOptics(lattice, rows, tunes, fractional, alphaC, m, modes, d0, jacobians);
    }

    /// <summary>
    /// Lattice functions along a transfer line from given initial conditions (what MAD-X TWISS does
    /// with BETX=..., ALFX=... given): the initial uncoupled beta, alpha, dispersion and orbit are
    /// carried element by element with the same maps and the same row builder as the ring.
    /// </summary>
    public static TwissRow[] ComputeLine(Lattice line, TwissInitial initial)
    {
        var context = new TrackContext(line.EnergyEv, false);
        var elements = line.Elements;
        double[] z = [initial.X, initial.Px, initial.Y, initial.Py, initial.Delta, 0];
        var (orbits, jacobians) = Tracker.TrackRecording(elements, z, context);
        Complex[] v1 = [Math.Sqrt(initial.BetX / 2), -new Complex(initial.AlfX, 1) / Math.Sqrt(2 * initial.BetX), 0, 0];
        Complex[] v2 = [0, 0, Math.Sqrt(initial.BetY / 2), -new Complex(initial.AlfY, 1) / Math.Sqrt(2 * initial.BetY)];
        double[] d0 = [initial.Dx, initial.Dpx, initial.Dy, initial.Dpy];
        return Table(line, z, orbits, jacobians, context, v1, v2, d0, new PhaseFollower(v1, v2));
    }

    // The table from the start vectors: row 0 at the start, row i + 1 at the exit of element i.
    private static TwissRow[] Table(Lattice lattice, double[] start, double[][] orbits, Matrix6[] jacobians, TrackContext context,
        Complex[] v1, Complex[] v2, IReadOnlyList<double> d0, PhaseFollower phase)
    {
        var elements = lattice.Elements;
        var rows = new TwissRow[elements.Count + 1];
        rows[0] = Row("start", "marker", 0, 0, start, Matrix6.Identity(), v1, v2, d0, phase);
        Walk(elements, start, orbits, jacobians, context, v1, v2, phase, (i, a, b) =>
            rows[i + 1] = Row(elements[i].Name, elements[i].Keyword, lattice.ExitPositions[i], elements[i].Length,
                orbits[i], jacobians[i], a, b, d0, phase));
        return rows;
    }

    /// <summary>
    /// Follows the phases of two vectors from the start to the exit of every element, inside pieced
    /// elements too; <paramref name="atExit"/> sees them, propagated, at the exit of element i.
    /// </summary>
    private static void Walk(IReadOnlyList<Element> elements, double[] start, double[][] orbits, Matrix6[] jacobians,
        TrackContext context, Complex[] v1, Complex[] v2, PhaseFollower phase, Action<int, Complex[], Complex[]>? atExit = null)
    {
        for (int i = 0; i < elements.Count; i++)
        {
            if (elements[i].PhaseSteps.Count > 1)
                FollowInside(elements[i], i == 0 ? start : orbits[i - 1], i == 0 ? Matrix6.Identity() : jacobians[i - 1], context, [v1, v2], phase);
            var a = Propagate(jacobians[i], v1);
            var b = Propagate(jacobians[i], v2);
            phase.Advance(a, b);
            atExit?.Invoke(i, a, b);
        }
    }

    // Advances the phase follower at the inner joints of an element's pieces (its exit is the next row).
    private static void FollowInside(Element element, double[] orbit, Matrix6 jacobian, in TrackContext context,
        Complex[][] vectors, PhaseFollower phase)
    {
        var z = (double[])orbit.Clone();
        var j = jacobian;
        var steps = element.PhaseSteps;
        for (int k = 0; k + 1 < steps.Count; k++)
        {
            j = Tracker.TrackWithJacobian([steps[k]], z, context) * j;
            phase.Advance(Propagate(j, vectors[0]), Propagate(j, vectors[1]));
        }
    }

    // One row from the mode vectors v1, v2 at this point, j the Jacobian from the start (for the dispersion).
    private static TwissRow Row(string name, string keyword, double s, double length, double[] orbit, Matrix6 j,
        Complex[] v1, Complex[] v2, IReadOnlyList<double> d0, PhaseFollower phase)
    {
        var d = new double[4];
        for (int i = 0; i < 4; i++)
        {
            d[i] = j[i, 4];
            for (int k = 0; k < 4; k++) d[i] += j[i, k] * d0[k];
        }
        var et = EdwardsTeng.From(v1, v2);
        static double B(Complex c) => 2 * c.Magnitude * c.Magnitude;
        static double Al(Complex u, Complex up) => -2 * (u * Complex.Conjugate(up)).Real;
        return new TwissRow(name, keyword, s, length,
            et.BetaA, et.AlphaA, phase.Phase(0) / (2 * Math.PI), et.BetaB, et.AlphaB, phase.Phase(1) / (2 * Math.PI),
            d[0], d[1], d[2], d[3],
            B(v1[0]), B(v1[2]), B(v2[0]), B(v2[2]),
            Al(v1[0], v1[1]), Al(v1[2], v1[3]), Al(v2[0], v2[1]), Al(v2[2], v2[3]),
            orbit[0], orbit[1], orbit[2], orbit[3],
            et.Gamma, et.C11, et.C12, et.C21, et.C22, et.Flipped);
    }

    /// <summary>
    /// A degenerate pair is given the plane-aligned basis at the exit of the first quadrupole or
    /// bend, where the lattice separates the planes, rather than at the start, which may sit between
    /// two solenoids in a rotated frame. The basis is carried back with J^-1 = -S J^T S.
    /// </summary>
    private static Eigenmodes AlignInArc(Eigenmodes modes, Matrix6 j)
    {
        var (u1, u2) = Eigenmodes.AlignToPlanes(Propagate(j, modes.Vectors[0]), Propagate(j, modes.Vectors[1]));
        var s = Matrix6.SymplecticForm();
        var t = s * j.Transpose() * s;
        var inverse = new Matrix6();
        for (int a = 0; a < 4; a++)
            for (int b = 0; b < 4; b++) inverse[a, b] = -t[a, b];
        return modes.WithTransverse(Propagate(inverse, u1), Propagate(inverse, u2));
    }

    // The exit of the first quadrupole or bend: where "x-like" and "y-like" are judged.
    private static int ArcPoint(IReadOnlyList<Element> elements)
    {
        for (int i = 0; i < elements.Count; i++)
            if (elements[i] is Quadrupole or SectorBend) return i;
        return elements.Count - 1;
    }

    // Mode 1 is the one with the larger horizontal beta in the arc (not at the start, which may be
    // between solenoids where the planes are rotated).
    private static Eigenmodes OrderInArc(Eigenmodes modes, Matrix6 j)
    {
        var v1 = Propagate(j, modes.Vectors[0]);
        var v2 = Propagate(j, modes.Vectors[1]);
        double x1 = v1[0].Magnitude * v1[0].Magnitude - v1[2].Magnitude * v1[2].Magnitude;
        double x2 = v2[0].Magnitude * v2[0].Magnitude - v2[2].Magnitude * v2[2].Magnitude;
        return x2 > x1 ? modes.SwappedTransverse() : modes;
    }

    internal static Complex[] Propagate(Matrix6 j, Complex[] v)
    {
        var r = new Complex[4];
        for (int i = 0; i < 4; i++)
        {
            Complex s = 0;
            for (int k = 0; k < 4; k++) s += j[i, k] * v[k];
            r[i] = s;
        }
        return r;
    }

    /// <summary>
    /// Follows each mode's phase element by element (and inside field-profile solenoids, piece by
    /// piece) as PTC does: the phase of the mode's own-plane position component (x for mode 1, y for
    /// mode 2), its increment over each step wrapped to (-pi, pi]. The integer part of a strongly
    /// coupled mode's tune is a convention, and this is the one PTC's tables use. One departure:
    /// where the own-plane component passes through (near) zero, as a mode handed from x to y by
    /// double rotation or the Mobius insertion must, its phase jumps by about pi within one step and
    /// the sign of the jump is noise; there the step is measured on the other plane, which carries
    /// the mode. So the two eigen-tunes always add up to the phase the ring gives both planes
    /// (design: 3.1 + 3.1 = 4.1 + 2.1), where PTC can lose whole turns (docs/validation.md).
    /// </summary>
    private sealed class PhaseFollower
    {
        // Own-plane amplitude, relative to the other plane's, below which its phase is not followed.
        private const double VanishingAmplitude = 1e-2;

        private readonly Complex[][] previous;
        private readonly double[] total = new double[2];

        public PhaseFollower(Complex[] v1, Complex[] v2) => previous = [v1, v2];

        public double Phase(int mode) => total[mode];
        public double Total(int mode) => total[mode];

        public void Advance(Complex[] v1, Complex[] v2)
        {
            Step(0, v1);
            Step(1, v2);
        }

        private void Step(int mode, Complex[] now)
        {
            var before = previous[mode];
            int own = 2 * mode, other = 2 - own;
            double dOwn = Increment(before[own], now[own]), dOther = Increment(before[other], now[other]);
            double ownAmplitude = Math.Min(before[own].Magnitude, now[own].Magnitude);
            double otherAmplitude = Math.Min(before[other].Magnitude, now[other].Magnitude);
            bool vanishing = ownAmplitude < VanishingAmplitude * otherAmplitude;
            bool ambiguous = Math.Abs(dOwn) > Math.PI / 2 && otherAmplitude > ownAmplitude;
            double d = vanishing || ambiguous ? dOther : dOwn;
            total[mode] += d;
            previous[mode] = now;
        }

        // The phase advance of one component over a step, wrapped to (-pi, pi].
        private static double Increment(Complex before, Complex now)
        {
            double d = -(now.Phase - before.Phase);
            return d - 2 * Math.PI * Math.Round(d / (2 * Math.PI));
        }
    }
}
