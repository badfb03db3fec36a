namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Counter-based normal deviates: the number a particle draws at a given radiation point in a given
/// turn is a hash of (seed, particle, turn, point), with no generator state. So a run gives the same
/// beam whatever the thread count or the order blocks are tracked in. The hash is SplitMix64's
/// finaliser (Steele, Lea, Flood, OOPSLA 2014) chained over the keys; Box-Muller turns two uniforms
/// into a normal deviate.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    public static double Gaussian(ulong seed, int particle, int turn, int point)
    {
        ulong key = Mix(seed + Golden * (ulong)(uint)particle);
        key = Mix(key + Golden * (ulong)(uint)turn);
        key = Mix(key + Golden * (ulong)(uint)point);
        double u1 = ((Mix(key + 1) >> 11) + 0.5) * (1.0 / (1UL << 53));   // in (0, 1): the log stays finite
        double u2 = (Mix(key + 2) >> 11) * (1.0 / (1UL << 53));
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
