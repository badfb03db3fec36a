using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// The model's dispersion at the monitors and how each corrector's kick changes it: what dispersion-free
/// steering (T. Raubenheimer, R. Ruth, NIM A 302 (1991) 191) adds to the orbit correction. A kick changes the
/// dispersion because it acts as theta / (1 + delta) and because the orbit it makes passes the quadrupoles and
/// solenoids off centre; both are in the central differences of the model's 4-D closed orbits taken here.
/// </summary>
public static class DispersionResponse
{
    // Relative momentum step of the dispersion and kick step of its response: small enough for the second-order
    // terms (1e-8 of D), large enough for the closed orbits' 1e-12 m.
    private const double DeltaStep = 1e-4, KickStep = 1e-4;

    /// <summary>Dispersion [m] at the monitors, x then z: the 4-D closed orbit's central difference at delta = +-1e-4.</summary>
    public static double[] Dispersion(Lattice ring, IReadOnlyList<string> monitors)
    {
        var fixedMomentum = ring.WithoutCavities();
        int[] at = [.. monitors.Select(m => BeamProbe.Index(fixedMomentum, m))];
        var high = OrbitAt(fixedMomentum, at, DeltaStep);
        var low = OrbitAt(fixedMomentum, at, -DeltaStep);
        return [.. high.Zip(low, (a, b) => (a - b) / (2 * DeltaStep))];
    }

    /// <summary>
    /// d(dispersion)/d(kick) [m/rad] at the monitors (x rows then z) of the given correctors (default: all, in the
    /// ring's order), as an <see cref="OrbitResponse"/>.
    /// </summary>
    public static OrbitResponse Compute(SteeredRing ring, IReadOnlyList<string>? monitors = null, IReadOnlyList<SteeringCorrector>? correctors = null)
    {
        monitors ??= OrbitResponse.AllMonitors;
        correctors ??= ring.Correctors;
        var matrix = new double[2 * monitors.Count, correctors.Count];
        for (int j = 0; j < correctors.Count; j++)
        {
            var plus = Dispersion(LocoMeasurement.Kicked(ring.Lattice, correctors[j], KickStep), monitors);
            var minus = Dispersion(LocoMeasurement.Kicked(ring.Lattice, correctors[j], -KickStep), monitors);
            for (int i = 0; i < plus.Length; i++) matrix[i, j] = (plus[i] - minus[i]) / (2 * KickStep);
        }
        return new OrbitResponse(monitors, [.. correctors.Select(c => c.Name)], matrix);
    }

    private static double[] OrbitAt(Lattice ring, int[] at, double delta)
    {
        var start = ClosedOrbit.Find4D(ring.Elements, delta, new TrackContext(ring.EnergyEv, false));
        var along = BeamProbe.OrbitAlong(ring, start);
        return [.. at.Select(i => along[i][0]), .. at.Select(i => along[i][2])];
    }
}
