using BenchmarkDotNet.Attributes;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Bench;

/// <summary>
/// Magnets issue target: a full machine state (all catalogue channels) converted physics ->
/// currents and currents -> physics, each under 20 us.
/// </summary>
[MemoryDiagnoser]
public class MagnetBenchmarks
{
    private readonly MagnetCatalogue catalogue = MagnetCatalogue.Default;
    private double[] strengths = null!, currents = null!, back = null!;

    [GlobalSetup]
    public void Setup()
    {
        int n = catalogue.Magnets.Count;
        strengths = new double[n];
        currents = new double[n];
        back = new double[n];
        // A state with every magnet at 70 % of its current range, converted to strengths at 1 GeV.
        for (int i = 0; i < n; i++)
        {
            var m = catalogue.Magnets[i];
            currents[i] = m.MinCurrent + 0.7 * (m.MaxCurrent - m.MinCurrent);
        }
        catalogue.ToStrengths(1e9, currents, strengths);
    }

    [Benchmark]
    public void StateToCurrents() => catalogue.ToCurrents(1e9, strengths, currents);

    [Benchmark]
    public void StateToStrengths() => catalogue.ToStrengths(1e9, currents, back);
}
