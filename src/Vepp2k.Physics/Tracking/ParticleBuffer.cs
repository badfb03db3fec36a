namespace Vepp2k.Physics.Tracking;

/// <summary>
/// A beam in structure-of-arrays form: one array per phase-space coordinate in the engine's
/// convention (x, px, y, py, delta, ct; see <see cref="Numerics.Phase{T}"/>), padded to whole
/// vectors of four so the tracker loads and stores lanes without bounds checks per particle. A
/// particle's index is its identity (the random kicks it receives are keyed by it).
/// </summary>
public sealed class ParticleBuffer
{
    public ParticleBuffer(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        Count = count;
        int padded = (count + 3) / 4 * 4;
        X = new double[padded]; Px = new double[padded]; Y = new double[padded];
        Py = new double[padded]; Delta = new double[padded]; Ct = new double[padded];
        LostTurn = new int[padded];
        LostElement = new int[padded];
        Array.Fill(LostTurn, -1);
        Array.Fill(LostElement, -1);
    }

    public int Count { get; }

    /// <summary>Length of the arrays: <see cref="Count"/> rounded up to a multiple of four.</summary>
    public int Padded => X.Length;

    public double[] X { get; }
    public double[] Px { get; }
    public double[] Y { get; }
    public double[] Py { get; }
    public double[] Delta { get; }
    public double[] Ct { get; }

    /// <summary>The turn (counted from 0) in which each particle was lost, or -1 while it survives.</summary>
    public int[] LostTurn { get; }

    /// <summary>Index in the tracker's element sequence where each particle was lost, or -1.</summary>
    public int[] LostElement { get; }

    public bool IsAlive(int i) => LostTurn[i] < 0;

    public int AliveCount
    {
        get
        {
            int alive = 0;
            for (int i = 0; i < Count; i++) if (LostTurn[i] < 0) alive++;
            return alive;
        }
    }

    public void Set(int i, ReadOnlySpan<double> z)
    {
        X[i] = z[0]; Px[i] = z[1]; Y[i] = z[2]; Py[i] = z[3]; Delta[i] = z[4]; Ct[i] = z[5];
    }

    public void Get(int i, Span<double> z)
    {
        z[0] = X[i]; z[1] = Px[i]; z[2] = Y[i]; z[3] = Py[i]; z[4] = Delta[i]; z[5] = Ct[i];
    }
}
