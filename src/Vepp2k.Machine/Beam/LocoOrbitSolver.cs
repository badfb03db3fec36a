using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// Closed-orbit change of a ring for a source injected after one of its elements, from the transfer maps.
/// With C_i the map from the start to the exit of element i and M the one-turn map, a phase-space jump v
/// after element b moves the orbit at the start by (I - M)^-1 M C_b^-1 v and at the exit of element i by
/// C_i times that, plus C_i C_b^-1 v when i is at or after b (<see cref="OrbitResponse.Compute"/> for a kick).
/// Two kinds: 6-D with the RF (the kick response: the RF holds the frequency) and 4-D at fixed momentum
/// (the ring without cavities: the dispersion).
/// </summary>
internal sealed class LocoOrbitSolver
{
    private readonly Matrix6[] maps;
    private readonly Matrix6 oneTurn, open;
    private readonly int dims;
    private readonly Dictionary<int, Matrix6> inverses = [];

    public LocoOrbitSolver(Lattice lattice, bool rf)
    {
        var ring = rf ? lattice : lattice.WithoutCavities();
        var context = new TrackContext(ring.EnergyEv, false);
        var orbit = rf ? BeamProbe.ClosedOrbit6D(ring) : ClosedOrbit.Find4D(ring.Elements, 0, context);
        (_, maps) = Tracker.TrackRecording(ring.Elements, orbit, context);
        oneTurn = maps[^1];
        dims = rf ? 6 : 4;
        open = new Matrix6();
        for (int a = 0; a < dims; a++)
            for (int b = 0; b < dims; b++) open[a, b] = (a == b ? 1 : 0) - oneTurn[a, b];
    }

    /// <summary>Map from the start to the exit of element <paramref name="i"/>; the identity for i = -1 (the start).</summary>
    public Matrix6 Map(int i) => i < 0 ? Matrix6.Identity() : maps[i];

    /// <summary>The closed-orbit change for a jump <paramref name="v"/> after element <paramref name="after"/>.</summary>
    public Perturbation Inject(int after, ReadOnlySpan<double> v)
    {
        var local = Times(Inverse(after), v);
        var turned = Times(oneTurn, local);
        var start = new double[6];
        open.Solve(turned, dims).CopyTo(start, 0);
        return new Perturbation(after, start, local);
    }

    /// <summary>
    /// The dispersion: the 4-D closed orbit per unit delta, as a start vector (eta, 1, 0) carried by the maps.
    /// Only for the fixed-momentum kind.
    /// </summary>
    public Perturbation Dispersion()
    {
        if (dims != 4) throw new InvalidOperationException("the dispersion is a fixed-momentum orbit: use the 4-D solver");
        Span<double> column = stackalloc double[4];
        for (int a = 0; a < 4; a++) column[a] = oneTurn[a, 4];
        var start = new double[6];
        open.Solve(column, 4).CopyTo(start, 0);
        start[4] = 1;
        return new Perturbation(int.MaxValue, start, new double[6]);
    }

    /// <summary>The orbit change at the exit of element <paramref name="i"/> (-1: the start).</summary>
    public void At(int i, Perturbation p, Span<double> result)
    {
        var m = Map(i);
        bool downstream = i >= p.After;
        for (int a = 0; a < 6; a++)
        {
            double sum = 0;
            for (int b = 0; b < 6; b++) sum += m[a, b] * (downstream ? p.Start[b] + p.Local[b] : p.Start[b]);
            result[a] = sum;
        }
    }

    private Matrix6 Inverse(int i)
    {
        if (inverses.TryGetValue(i, out var inverse)) return inverse;
        var m = Map(i);
        inverse = new Matrix6();
        Span<double> unit = stackalloc double[6];
        for (int c = 0; c < 6; c++)
        {
            unit.Clear();
            unit[c] = 1;
            var column = m.Solve(unit, 6);
            for (int r = 0; r < 6; r++) inverse[r, c] = column[r];
        }
        return inverses[i] = inverse;
    }

    internal static double[] Times(Matrix6 m, ReadOnlySpan<double> v)
    {
        var result = new double[6];
        for (int a = 0; a < 6; a++)
        {
            double sum = 0;
            for (int b = 0; b < 6; b++) sum += m[a, b] * v[b];
            result[a] = sum;
        }
        return result;
    }
}

/// <summary>A closed-orbit change: its value at the start, and the jump carried back to the start (added after element After).</summary>
internal sealed record Perturbation(int After, double[] Start, double[] Local);
