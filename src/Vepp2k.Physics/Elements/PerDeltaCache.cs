using System.Runtime.Intrinsics;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Elements;

/// <summary>
/// A map built for the momenta of a block of four particles, kept per thread and reused for as long as the
/// block's deltas are bit for bit the same: a beam tracked without RF keeps each particle's delta, and the
/// vector tracker runs a block through all its turns before the next, so a map whose delta-dependent part
/// (trigonometry, composition of pieces) costs far more than applying it is built once per block.
/// </summary>
internal sealed class PerDeltaCache<T> where T : struct
{
    private ThreadLocal<Entry>? entries;

    /// <summary>The kept map for <paramref name="delta"/>, built by <paramref name="build"/> when the block's deltas changed.</summary>
    public ref readonly T Get<TState>(Vec4 delta, TState state, Func<TState, Vec4, T> build)
    {
        var entry = LazyInitializer.EnsureInitialized(ref entries, () => new ThreadLocal<Entry>(() => new Entry())).Value!;
        if (!entry.Built || !Vector256.EqualsAll(entry.Delta.V.AsUInt64(), delta.V.AsUInt64()))
        {
            entry.Value = build(state, delta);
            entry.Delta = delta;
            entry.Built = true;
        }
        return ref entry.Value;
    }

    private sealed class Entry
    {
        public bool Built;
        public Vec4 Delta;
        public T Value;
    }
}
