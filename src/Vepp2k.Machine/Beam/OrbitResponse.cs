using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// Orbit response matrix [m/rad]: rows are the monitors' x readings then their z readings, columns the
/// correctors, so R[i, j] is how far monitor reading i moves per radian of corrector j. Coupled and 6-D
/// (the RF holds the frequency, so a horizontal kick that lengthens the orbit also lowers the energy:
/// the dispersive part a 4-D response leaves out, 30 % of it at the VEPP-2000 BPMs).
/// </summary>
public sealed class OrbitResponse
{
    public OrbitResponse(IReadOnlyList<string> monitors, IReadOnlyList<string> correctors, double[,] matrix)
    {
        if (matrix.GetLength(0) != 2 * monitors.Count || matrix.GetLength(1) != correctors.Count)
            throw new ArgumentException($"a response of {monitors.Count} monitors and {correctors.Count} correctors is {2 * monitors.Count} x {correctors.Count}");
        Monitors = monitors;
        Correctors = correctors;
        Matrix = matrix;
    }

    public IReadOnlyList<string> Monitors { get; }
    public IReadOnlyList<string> Correctors { get; }
    public double[,] Matrix { get; }

    /// <summary>The 4 BPMs and the 16 CCD source points: the 20 positions the ring reads.</summary>
    public static IReadOnlyList<string> AllMonitors { get; } = [.. RingErrors.BpmNames, .. RingErrors.CcdNames()];

    /// <summary>
    /// The model response of a ring: the linear map of the closed orbit to a thin kick. With C_i the 6-D
    /// transfer map from the start to the exit of element i (RF on, no radiation) and M the one-turn map,
    /// a kick kappa after element k moves the orbit at the start by dz0 = (I - M)^-1 M C_k^-1 kappa and at
    /// monitor i by C_i dz0, plus C_i C_k^-1 kappa when i lies after k.
    /// </summary>
    public static OrbitResponse Compute(SteeredRing ring, IReadOnlyList<string>? monitors = null, IReadOnlyList<SteeringCorrector>? correctors = null)
    {
        monitors ??= AllMonitors;
        correctors ??= ring.Correctors;
        var lattice = ring.Lattice;
        var orbit = BeamProbe.ClosedOrbit6D(lattice);
        var (_, maps) = Tracker.TrackRecording(lattice.Elements, orbit, new TrackContext(lattice.EnergyEv, false));
        var oneTurn = maps[^1];
        var openTurn = new Matrix6();
        for (int a = 0; a < 6; a++)
            for (int b = 0; b < 6; b++) openTurn[a, b] = (a == b ? 1 : 0) - oneTurn[a, b];
        int[] at = [.. monitors.Select(m => BeamProbe.Index(lattice, m))];
        var r = new double[2 * monitors.Count, correctors.Count];
        Span<double> kick = stackalloc double[6];
        for (int j = 0; j < correctors.Count; j++)
        {
            int k = BeamProbe.Index(lattice, correctors[j].Element);
            kick.Clear();
            kick[correctors[j].Plane == KickPlane.X ? 1 : 3] = 1;
            var local = maps[k].Solve(kick, 6);        // C_k^-1 kappa: the kick carried back to the start
            var turned = LocoOrbitSolver.Times(oneTurn, local);
            var start = openTurn.Solve(turned, 6);     // dz0
            for (int i = 0; i < at.Length; i++)
            {
                var z = LocoOrbitSolver.Times(maps[at[i]], start);
                if (at[i] >= k)
                {
                    var direct = LocoOrbitSolver.Times(maps[at[i]], local);
                    for (int c = 0; c < 6; c++) z[c] += direct[c];
                }
                r[i, j] = z[0];
                r[monitors.Count + i, j] = z[2];
            }
        }
        return new OrbitResponse(monitors, [.. correctors.Select(c => c.Name)], r);
    }
}
