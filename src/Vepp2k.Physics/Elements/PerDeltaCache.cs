using System.Runtime.Intrinsics;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// Maps built for the momenta of blocks of four particles, kept per thread and reused for as long as a
/// block's deltas are bit for bit the same: a beam tracked without RF keeps each particle's delta, and the
/// ring tracker runs a few vectors through all their turns before taking the next, so a map whose
/// delta-dependent part (trigonometry, composition of pieces) costs far more than applying it is built once
/// per vector. One entry per vector the tracker runs together (<see cref="Tracking.RingTracker.BlockVectors"/>),
/// so vectors of different momenta in one block do not evict each other's maps.
/// </summary>
internal sealed class PerDeltaCache<T> where T : struct
{
    private const int Ways = Tracking.RingTracker.BlockVectors;

    private ThreadLocal<Entries>? entries;

    /// <summary>The kept map for <paramref name="delta"/>, built by <paramref name="build"/> when no kept map has these deltas.</summary>
    public ref readonly T Get<TState>(Vec4 delta, TState state, Func<TState, Vec4, T> build)
    {
        var kept = LazyInitializer.EnsureInitialized(ref entries, () => new ThreadLocal<Entries>(() => new Entries())).Value!;
        var key = delta.V.AsUInt64();
        for (int i = 0; i < kept.Count; i++)
            if (Vector256.EqualsAll(kept.Delta[i], key)) return ref kept.Value[i];
        // Not kept: fill a free way, else replace the ways in turn.
        int way = kept.Count < Ways ? kept.Count++ : kept.Next++ % Ways;
        kept.Value[way] = build(state, delta);
        kept.Delta[way] = key;
        return ref kept.Value[way];
    }

    private sealed class Entries
    {
        public int Count, Next;
        public readonly Vector256<ulong>[] Delta = new Vector256<ulong>[Ways];
        public readonly T[] Value = new T[Ways];
    }
}
