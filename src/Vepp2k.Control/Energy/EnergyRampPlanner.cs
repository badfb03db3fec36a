using System.Globalization;
using Vepp2k.Control.Devices;
using Vepp2k.Control.Operations;
using Vepp2k.Control.Runtime;
using Vepp2k.Machine.Magnets;

namespace Vepp2k.Control.Energy;

/// <summary>A whole-machine move to another energy: every leg's table of currents, and how long it takes.</summary>
public sealed record EnergyRampPlan(EnergyPath Energy, IReadOnlyList<RampLeg> Legs, TimeSpan Duration, int Nodes);

/// <summary>
/// Plans moving the machine to another beam energy with every element's strength (bend angle, K1,
/// KS, kicks, K2) kept: each current follows its own excitation curve in E (the dipoles along their
/// saturating curve, the quadrupoles along theirs), tabulated at <see cref="TableRate"/> nodes per
/// second of ramp as the BINP CANDAC table mode steps them, so strengths track B rho at every node
/// rather than along a straight line between the two settings. Every node is converted, so a limit
/// crossed anywhere on the way (a 13 T coil, a 52 T/m quadrupole, a supply's full scale) refuses the
/// plan before anything moves. The pace is the requested energy rate or what the slowest supply can
/// follow (its dI/dt limit and voltage headroom, <see cref="RampPlanner"/>), whichever is slower.
/// Every current keeps its sign and moves one way, so each iron magnet stays on the hysteresis
/// branch it is on (the conversions use the ascending, calibration branch, as the rest of the core does).
/// </summary>
public static class EnergyRampPlanner
{
    /// <summary>Table nodes per second of ramp (CANDAC table mode: 100 steps/s).</summary>
    public const double TableRate = 100;

    /// <summary>Nodes of the first pass, which finds the pace; also the fewest a plan has.</summary>
    public const int MinimumNodes = 101;

    /// <summary>Most nodes of a plan (about 17 min of ramp at the table rate): a slower ramp interpolates between them.</summary>
    public const int MaximumNodes = 100_001;

    /// <summary>Plans the move, or says why it cannot be done (nothing is changed either way).</summary>
    public static (EnergyRampPlan? Plan, string? Refusal) Plan(MagnetSystem machine, double fromEv, double toEv, double rateEvPerSecond)
    {
        if (!double.IsFinite(toEv) || toEv < BeamEnergyRange.MinEv || toEv > BeamEnergyRange.MaxEv)
            return (null, Text($"target {toEv / 1e6:G6} MeV is outside the machine's range 160 .. 1000 MeV"));
        if (!(rateEvPerSecond > 0) || !double.IsFinite(rateEvPerSecond))
            return (null, Text($"ramp rate {rateEvPerSecond / 1e6:G6} MeV/s must be a positive number"));
        if (Math.Abs(toEv - fromEv) < 1e-9 * toEv)
            return (null, Text($"the machine is already at {toEv / 1e6:F4} MeV"));

        var moving = new List<(PoweredElement Element, double Strength)>();
        foreach (var e in machine.Elements)
        {
            switch (e.Supply.State)
            {
                case SupplyState.Off:
                    continue;   // 0 A is no strength at any energy
                case SupplyState.On:
                    if (Math.Abs(e.Request) > e.Supply.Parameters.ZeroCurrentThreshold)
                        moving.Add((e, e.Model.StrengthFromCurrent(Math.Clamp(e.Request, e.Model.MinCurrent, e.Model.MaxCurrent), fromEv)));
                    continue;
                default:
                    return (null, $"{e.Name}: supply is {e.Supply.State}; the machine can change energy only with every supply on or off");
            }
        }

        var energy = new EnergyPath(fromEv, toEv);
        if (Tabulate(moving, energy, MinimumNodes, out var legs) is { } bad) return (null, bad);
        var duration = Pace(legs, energy, rateEvPerSecond);
        int nodes = (int)Math.Clamp(Math.Ceiling(duration.TotalSeconds * TableRate) + 1, MinimumNodes, MaximumNodes);
        if (nodes > MinimumNodes)
        {
            if (Tabulate(moving, energy, nodes, out legs) is { } fine) return (null, fine);
            duration = Pace(legs, energy, rateEvPerSecond);
        }
        return (new EnergyRampPlan(energy, legs, duration, nodes), null);
    }

    /// <summary>
    /// How much slower than its limits each supply is asked to move. A supply paced at its voltage
    /// limit falls behind its table within each step (its regulator has no headroom left to catch up),
    /// and a lag that differs from the dipoles' is a strength error: paced at the limit, the D1
    /// quadrupoles trailed their tables by 0.13 A of 108 A (more than one step) and their strengths from
    /// readbacks moved by 3.7e-4; with this margin every supply trails by one step and the readbacks
    /// keep their strengths within their noise (EnergyRampTests).
    /// </summary>
    public const double Margin = 2;

    // The slower of the requested energy rate and what every supply can follow along its table.
    private static TimeSpan Pace(IReadOnlyList<RampLeg> legs, EnergyPath energy, double rateEvPerSecond)
    {
        var supplies = RampPlanner.Duration(legs) * Margin;
        var requested = TimeSpan.FromSeconds(Math.Abs(energy.ToEv - energy.FromEv) / rateEvPerSecond);
        return supplies > requested ? supplies : requested;
    }

    // Every moving element's current at each node; the first node an element cannot reach refuses the plan.
    private static string? Tabulate(List<(PoweredElement Element, double Strength)> moving, EnergyPath energy, int nodes, out List<RampLeg> legs)
    {
        legs = new List<RampLeg>(moving.Count);
        foreach (var (e, strength) in moving)
        {
            var path = new double[nodes];
            for (int k = 0; k < nodes; k++)
            {
                double at = energy.At((double)k / (nodes - 1));
                try { path[k] = e.Model.CurrentFromStrength(strength, at); }
                catch (ArgumentException x)
                {
                    // The magnet's own words, without .NET's "(Parameter ...)" suffix.
                    string why = x.ParamName is { } p ? x.Message.Replace($" (Parameter '{p}')", "") : x.Message;
                    return Text($"at {at / 1e6:F3} MeV {why}");
                }
            }
            // The last node is exactly the target the element is asked for; the first is where it is.
            path[0] = e.Request;
            legs.Add(new RampLeg(e, path[0], path[^1]) { Path = path });
        }
        return null;
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
