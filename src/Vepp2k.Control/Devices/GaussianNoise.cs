namespace Vepp2k.Control.Devices;

/// <summary>Seeded normal deviates (Box-Muller) so simulated readbacks are reproducible in tests.</summary>
internal sealed class GaussianNoise(int seed)
{
    private readonly Random _random = new(seed);

    public double Next(double rms)
    {
        // 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        return rms * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
