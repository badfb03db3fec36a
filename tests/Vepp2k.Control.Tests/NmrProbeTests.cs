using Vepp2k.Control.Nmr;

namespace Vepp2k.Control.Tests;

public class NmrProbeTests
{
    private static readonly NmrParameters Window = NmrParameters.Load();

    [Theory]
    [InlineData(0.3, true)]
    [InlineData(0.3 - 1e-9, false)]
    [InlineData(2.5, true)]
    [InlineData(2.5 + 1e-9, false)]
    [InlineData(-2.382, true)]
    [InlineData(0.0, false)]
    public void Locks_only_inside_the_window(double tesla, bool locked)
    {
        var reading = new NmrProbe("1M1", Window, () => tesla, seed: 1).Read();
        Assert.Equal(locked ? NmrStatus.Locked : NmrStatus.NoLock, reading.Status);
        Assert.Equal(locked, reading.Field.HasValue);
    }

    [Fact]
    public void Noise_rms_is_the_ppm_class()
    {
        const double field = 2.382; // 1 GeV on rho = 1.4 m
        var probe = new NmrProbe("2M2", Window, () => field, seed: 11);
        const int n = 20000;
        double sum = 0, sumSq = 0;
        for (var i = 0; i < n; i++)
        {
            var d = probe.Read().Field!.Value - field;
            sum += d;
            sumSq += d * d;
        }
        var sigma = Window.NoisePpm * 1e-6 * field;
        Assert.InRange(Math.Sqrt(sumSq / n), 0.97 * sigma, 1.03 * sigma);
        Assert.InRange(sum / n, -4 * sigma / Math.Sqrt(n), 4 * sigma / Math.Sqrt(n));
    }
}
