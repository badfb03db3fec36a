using Vepp2k.Control.Runtime;

namespace Vepp2k.Control.Operations;

/// <summary>
/// The duration of a synchronised ramp: each supply may change no faster than its dI/dt limit and
/// than its voltage allows (L dI/dt + R I &lt;= U_max, taken at the larger end current), so the
/// slowest leg sets the pace and every other leg slows down to arrive with it.
/// </summary>
public static class RampPlanner
{
    /// <summary>Shortest ramp: one device-loop period, so even a small step goes through a ramp.</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromMilliseconds(100);

    /// <remarks>A leg with a table <see cref="RampLeg.Path"/> is paced by its steepest segment, each at the rate its supply allows there.</remarks>
    public static TimeSpan Duration(IEnumerable<RampLeg> legs)
    {
        double seconds = MinimumDuration.TotalSeconds;
        foreach (var leg in legs)
        {
            if (leg.Path is not { } path)
            {
                seconds = Math.Max(seconds, Math.Abs(leg.Target - leg.Start) / AllowedRate(leg));
                continue;
            }
            int segments = path.Length - 1;
            for (int k = 0; k < segments; k++)
                seconds = Math.Max(seconds, segments * Math.Abs(path[k + 1] - path[k]) / AllowedRate(leg.Element, path[k], path[k + 1]));
        }
        return TimeSpan.FromSeconds(seconds);
    }

    /// <summary>Largest dI/dt [A/s] the leg's supply can follow over the whole leg.</summary>
    public static double AllowedRate(RampLeg leg) => AllowedRate(leg.Element, leg.Start, leg.Target);

    /// <summary>Largest dI/dt [A/s] the element's supply can follow between two currents.</summary>
    public static double AllowedRate(PoweredElement element, double from, double to)
    {
        var p = element.Supply.Parameters;
        double peak = Math.Max(Math.Abs(from), Math.Abs(to));
        double headroom = p.MaxVoltage - p.LoadResistance * peak;
        double voltageRate = p.LoadInductance > 0 ? headroom / p.LoadInductance : double.PositiveInfinity;
        // Keep 10% of the voltage headroom for regulation, and never stall on a supply at its limit.
        return Math.Max(Math.Min(p.MaxRampRate, 0.9 * voltageRate), 1e-3 * p.MaxRampRate);
    }
}
