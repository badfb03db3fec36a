using System.Runtime.Intrinsics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Tracks a beam round a ring for many turns through the same element maps the optics uses, four
/// particles per SIMD vector (<see cref="Vec4"/>), vectors spread over threads. Each vector runs all
/// its turns before the next is taken, so its particles stay in registers and cache; nothing is
/// allocated per turn. Lost particles are frozen where they were lost (their lane carries a zero
/// particle from then on, which keeps the arithmetic finite).
/// </summary>
public sealed class RingTracker
{
    private readonly Element[] elements;
    private readonly IRandomKick?[] excitation;
    private readonly TrackContext context;

    public RingTracker(Lattice lattice, TrackingOptions? options = null)
    {
        Options = options ?? new TrackingOptions();
        if (Options.QuantumExcitation && !Options.Radiation)
            throw new OpticsException("quantum excitation needs radiation on");
        Lattice = lattice;
        elements = Options.Radiation ? [.. lattice.RadiationSteps(Options.RadiationSliceLength)] : [.. lattice.Elements];
        excitation = elements.Select(e => Options.QuantumExcitation ? e as IRandomKick : null).ToArray();
        context = new TrackContext(lattice.EnergyEv, Options.Radiation);
    }

    public Lattice Lattice { get; }
    public TrackingOptions Options { get; }

    /// <summary>The element sequence tracked (radiative integration steps when radiation is on).</summary>
    public IReadOnlyList<Element> Elements => elements;

    public TrackContext Context => context;

    /// <summary>
    /// Tracks every surviving particle of <paramref name="beam"/> for <paramref name="turns"/> turns,
    /// in place. <paramref name="firstTurn"/> numbers the turns (losses and random kicks), so a run can
    /// be continued. <paramref name="progress"/> receives the number of particles finished so far.
    /// </summary>
    public void Track(ParticleBuffer beam, int turns, int firstTurn = 0, TurnRecord? record = null,
        IProgress<int>? progress = null, CancellationToken cancel = default)
    {
        if (record is not null && (record.Particles != beam.Count || record.Turns < turns))
            throw new ArgumentException("the turn record must have one row per particle and room for every turn", nameof(record));
        int vectors = beam.Padded / Vec4.Lanes;
        int blocks = (vectors + BlockVectors - 1) / BlockVectors;
        int done = 0;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Options.ThreadCount, CancellationToken = cancel };
        Parallel.For(0, blocks, parallel, b =>
        {
            int count = Math.Min(BlockVectors, vectors - b * BlockVectors);
            TrackBlock(beam, b * BlockVectors * Vec4.Lanes, count, turns, firstTurn, record, cancel);
            progress?.Report(Math.Min(beam.Count, Interlocked.Add(ref done, count * Vec4.Lanes)));
        });
    }

    // Vectors tracked together, element by element: one vector's pass through an element is a chain of
    // dependent operations whose latency leaves most of the core idle; the passes of independent vectors
    // fill it. Four vectors (16 particles) still keep a block's coordinates in the first-level cache.
    internal const int BlockVectors = 4;

    private void TrackBlock(ParticleBuffer beam, int first, int count, int turns, int firstTurn, TurnRecord? record, CancellationToken cancel)
    {
        Span<Phase<Vec4>> p = stackalloc Phase<Vec4>[count];
        Span<int> alive = stackalloc int[count];
        int anyAlive = 0;
        for (int v = 0; v < count; v++)
        {
            int start = first + v * Vec4.Lanes;
            for (int lane = 0; lane < Vec4.Lanes; lane++)
                if (start + lane < beam.Count && beam.IsAlive(start + lane)) alive[v] |= 1 << lane;
            var live = LaneMask(alive[v]);
            p[v] = new Phase<Vec4>(Load(beam.X, start, live), Load(beam.Px, start, live), Load(beam.Y, start, live),
                Load(beam.Py, start, live), Load(beam.Delta, start, live), Load(beam.Ct, start, live));
            anyAlive |= alive[v];
        }
        var apertureX = Vector256.Create(Options.ApertureX);
        var apertureY = Vector256.Create(Options.ApertureY);

        for (int t = 0; t < turns && anyAlive != 0; t++)
        {
            if ((t & 255) == 0) cancel.ThrowIfCancellationRequested();
            int turn = firstTurn + t;
            for (int e = 0; e < elements.Length; e++)
            {
                var element = elements[e];
                var kick = excitation[e];
                for (int v = 0; v < count; v++)
                {
                    if (alive[v] == 0) continue;
                    ref var q = ref p[v];
                    kick?.Kick(ref q, Options.Seed, first + v * Vec4.Lanes, turn, e, context);
                    element.Track(ref q, context);
                    var outside = Vector256.GreaterThan(Vector256.Abs(q.X.V), apertureX)
                                  | Vector256.GreaterThan(Vector256.Abs(q.Y.V), apertureY)
                                  | ~Vector256.Equals(q.X.V, q.X.V) | ~Vector256.Equals(q.Y.V, q.Y.V);
                    int lost = (int)outside.ExtractMostSignificantBits() & alive[v];
                    if (lost != 0)
                    {
                        Lose(beam, first + v * Vec4.Lanes, lost, in q, turn, e);
                        alive[v] &= ~lost;
                        Freeze(ref q, LaneMask(alive[v]));
                    }
                }
            }
            anyAlive = 0;
            for (int v = 0; v < count; v++)
            {
                if (record is not null) Record(record, first + v * Vec4.Lanes, alive[v], in p[v], t);
                anyAlive |= alive[v];
            }
        }
        for (int v = 0; v < count; v++) Store(beam, first + v * Vec4.Lanes, alive[v], in p[v]);
    }

    private static Vector256<double> LaneMask(int bits) => Vector256.Create(
        (bits & 1) != 0 ? -1L : 0L, (bits & 2) != 0 ? -1L : 0L, (bits & 4) != 0 ? -1L : 0L, (bits & 8) != 0 ? -1L : 0L).AsDouble();

    private static Vec4 Load(double[] a, int first, Vector256<double> live) =>
        new(Vector256.ConditionalSelect(live, Vector256.Create(a[first], a[first + 1], a[first + 2], a[first + 3]), Vector256<double>.Zero));

    private static void Freeze(ref Phase<Vec4> p, Vector256<double> live)
    {
        p.X = new(p.X.V & live); p.Px = new(p.Px.V & live); p.Y = new(p.Y.V & live);
        p.Py = new(p.Py.V & live); p.Delta = new(p.Delta.V & live); p.Ct = new(p.Ct.V & live);
    }

    // Lost lanes keep the coordinates they had where they were lost.
    private static void Lose(ParticleBuffer beam, int first, int lost, in Phase<Vec4> p, int turn, int element)
    {
        for (int lane = 0; lane < Vec4.Lanes; lane++)
        {
            if ((lost & (1 << lane)) == 0) continue;
            int i = first + lane;
            beam.LostTurn[i] = turn;
            beam.LostElement[i] = element;
            beam.X[i] = p.X[lane]; beam.Px[i] = p.Px[lane]; beam.Y[i] = p.Y[lane];
            beam.Py[i] = p.Py[lane]; beam.Delta[i] = p.Delta[lane]; beam.Ct[i] = p.Ct[lane];
        }
    }

    private static void Store(ParticleBuffer beam, int first, int alive, in Phase<Vec4> p)
    {
        for (int lane = 0; lane < Vec4.Lanes; lane++)
        {
            if ((alive & (1 << lane)) == 0) continue;
            int i = first + lane;
            beam.X[i] = p.X[lane]; beam.Px[i] = p.Px[lane]; beam.Y[i] = p.Y[lane];
            beam.Py[i] = p.Py[lane]; beam.Delta[i] = p.Delta[lane]; beam.Ct[i] = p.Ct[lane];
        }
    }

    private static void Record(TurnRecord record, int first, int alive, in Phase<Vec4> p, int turn)
    {
        for (int lane = 0; lane < Vec4.Lanes; lane++)
        {
            if ((alive & (1 << lane)) == 0) continue;
            long at = (long)(first + lane) * record.Turns + turn;
            record.X[at] = p.X[lane]; record.Px[at] = p.Px[lane];
            record.Y[at] = p.Y[lane]; record.Py[at] = p.Py[lane];
        }
    }
}
