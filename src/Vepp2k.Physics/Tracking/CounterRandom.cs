using System.Runtime.Intrinsics;

namespace Vepp2k.Physics.Tracking;

/// <summary>
/// Counter-based normal deviates: the number a particle draws at a given radiation point in a given
/// turn is a hash of (seed, particle, turn, point), with no generator state. So a run gives the same
/// beam whatever the thread count or the order blocks are tracked in. The hash is SplitMix64's
/// finaliser (Steele, Lea, Flood, OOPSLA 2014) chained over the keys; Box-Muller turns two uniforms
/// into a normal deviate. Four particles (consecutive ids) are drawn at once in SIMD.
/// </summary>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Normal deviates of particles <paramref name="first"/> .. first + 3 at one point of one turn.</summary>
    public static Vector256<double> Gaussians(ulong seed, int first, int turn, int point) => Gaussians(seed, first, turn, point, 0);

    /// <summary>
    /// Component <paramref name="component"/> of a vector of deviates drawn at one point (an element that
    /// needs several per particle); component 0 is the single deviate of the overload above.
    /// </summary>
    public static Vector256<double> Gaussians(ulong seed, int first, int turn, int point, int component)
    {
        var particle = Vector256.Create((ulong)(uint)first, (ulong)(uint)(first + 1), (ulong)(uint)(first + 2), (ulong)(uint)(first + 3));
        var key = Mix(Vector256.Create(seed) + particle * Golden);
        key = Mix(key + Vector256.Create(Golden * (ulong)(uint)turn));
        key = Mix(key + Vector256.Create(Golden * (ulong)(uint)point));
        // Component 0 skips the extra round, so the one-deviate draws are what they always were.
        if (component != 0) key = Mix(key + Vector256.Create(Golden * (ulong)(uint)component));
        var scale = Vector256.Create(1.0 / (1UL << 53));
        // u1 in (0, 1), so the logarithm stays finite; u2 in [0, 1).
        var u1 = (Vector256.ConvertToDouble(Mix(key + Vector256.Create(1UL)) >>> 11) + Vector256.Create(0.5)) * scale;
        var u2 = Vector256.ConvertToDouble(Mix(key + Vector256.Create(2UL)) >>> 11) * scale;
        return Vector256.Sqrt(Vector256.Create(-2.0) * Vector256.Log(u1)) * Vector256.Cos(Vector256.Create(2 * Math.PI) * u2);
    }

    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >>> 31);
    }
}
