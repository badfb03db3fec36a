using Vepp2k.Physics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Machine.Beam;

/// <summary>
/// What LOCO takes from the machine, as plain data (names and numbers) so that the control system can fill
/// it by stepping real supplies as <see cref="Simulate"/> does in the simulated ring.
/// </summary>
/// <param name="Monitors">The monitors, in <see cref="OrbitResponse.AllMonitors"/> order (4 BPMs, 16 CCD points).</param>
/// <param name="Correctors">The dipole correctors stepped, by catalogue name.</param>
/// <param name="Response">Measured orbit response [m/rad]: x readings of every monitor then z readings, per corrector.</param>
/// <param name="ResponseSigma">Noise of one response element per row [m/rad] (the fit's weights).</param>
/// <param name="Dispersion">Measured dispersion [m]: reading change per unit relative momentum change, x rows then z rows.</param>
/// <param name="DispersionSigma">Noise of the dispersion per row [m].</param>
/// <param name="Tunes">Measured eigen-tunes (fractional parts as the tune meter reads them).</param>
/// <param name="Spots">CCD beam shapes at the 16 source points as the cameras read them.</param>
/// <param name="KickStep">Corrector step [rad]: each corrector is set to +step and -step around its setting.</param>
/// <param name="DeltaStep">Relative momentum step of the dispersion measurement (+-).</param>
public sealed record LocoMeasurement(
    IReadOnlyList<string> Monitors, IReadOnlyList<string> Correctors, double[,] Response, double[] ResponseSigma,
    double[] Dispersion, double[] DispersionSigma, double[] Tunes, IReadOnlyList<BeamSpot> Spots, double KickStep, double DeltaStep)
{
    /// <summary>Default corrector step [rad]: a quarter of the 2 mrad the correctors give at 1 GeV, orbit changes of ~1 mm.</summary>
    public const double DefaultKickStep = 0.5e-3;

    /// <summary>Default momentum step: what an RF frequency change of alpha_c * 1e-3 gives.</summary>
    public const double DefaultDeltaStep = 1e-3;

    /// <summary>
    /// The measurement on the true ring through its instruments. The response is a central difference of
    /// the 6-D closed orbit (RF on) at corrector settings +-<paramref name="kickStep"/>, each orbit read through the
    /// instruments with fresh noise. The dispersion is a central difference of the 4-D closed orbit at fixed
    /// delta = +-<paramref name="deltaStep"/> (the ring without cavities): on the machine the RF frequency is stepped
    /// and delta = -(df/f) / alpha_c taken from the model's momentum compaction.
    /// </summary>
    public static LocoMeasurement Simulate(SteeredRing ring, Instruments instruments,
        double kickStep = DefaultKickStep, double deltaStep = DefaultDeltaStep)
    {
        if (!(kickStep > 0) || !(deltaStep > 0)) throw new ArgumentException("the kick and momentum steps must be positive");
        var monitors = OrbitResponse.AllMonitors;
        int n = monitors.Count;
        var lattice = ring.Lattice;
        int[] at = [.. monitors.Select(m => BeamProbe.Index(lattice, m))];
        var response = new double[2 * n, ring.Correctors.Count];
        for (int j = 0; j < ring.Correctors.Count; j++)
        {
            var plus = Read(Kicked(lattice, ring.Correctors[j], kickStep), at, monitors, instruments, rf: true, 0);
            var minus = Read(Kicked(lattice, ring.Correctors[j], -kickStep), at, monitors, instruments, rf: true, 0);
            for (int i = 0; i < 2 * n; i++) response[i, j] = (plus[i] - minus[i]) / (2 * kickStep);
        }
        var high = Read(lattice, at, monitors, instruments, rf: false, deltaStep);
        var low = Read(lattice, at, monitors, instruments, rf: false, -deltaStep);
        var dispersion = high.Zip(low, (a, b) => (a - b) / (2 * deltaStep)).ToArray();

        var noise = instruments.Noise;
        // One reading's noise, for the weights: a difference of two readings has sqrt(2) times it.
        double[] reading = [.. monitors.Select((m, i) => i < RingErrors.BpmNames.Length ? noise.Bpm : noise.CcdPosition)];
        double[] perRow = [.. reading, .. reading];
        var beam = BeamProbe.Observe(lattice);
        return new LocoMeasurement(monitors, [.. ring.Correctors.Select(c => c.Name)], response,
            [.. perRow.Select(s => Floor(s) * Math.Sqrt(2) / (2 * kickStep))], dispersion,
            [.. perRow.Select(s => Floor(s) * Math.Sqrt(2) / (2 * deltaStep))],
            [.. beam.Tunes.Select(t => instruments.Tune(t - Math.Floor(t)))], [.. beam.Ccds.Select(instruments.Ccd)], kickStep, deltaStep);
    }

    // A noiseless simulation still needs finite weights: the engine's closed orbits are good to ~1e-10 m.
    private static double Floor(double sigma) => Math.Max(sigma, 1e-9);

    // The ring with one corrector's kick changed by step: the thin kicker that carries it is replaced.
    private static Lattice Kicked(Lattice lattice, SteeringCorrector corrector, double step)
    {
        int k = BeamProbe.Index(lattice, corrector.Element);
        var kicker = (Kicker)lattice.Elements[k];
        var elements = lattice.Elements.ToArray();
        elements[k] = corrector.Plane == KickPlane.X
            ? new Kicker(kicker.Name, kicker.Length, kicker.HKick + step, kicker.VKick)
            : new Kicker(kicker.Name, kicker.Length, kicker.HKick, kicker.VKick + step);
        return new Lattice(lattice.Name, elements, lattice.EnergyEv);
    }

    // The monitors' readings of the closed orbit (x readings then z): 6-D with the RF, or 4-D at a fixed delta.
    private static double[] Read(Lattice lattice, int[] at, IReadOnlyList<string> monitors, Instruments instruments, bool rf, double delta)
    {
        double[] start;
        if (rf) start = BeamProbe.ClosedOrbit6D(lattice);
        else
        {
            lattice = lattice.WithoutCavities();
            start = ClosedOrbit.Find4D(lattice.Elements, delta, new TrackContext(lattice.EnergyEv, false));
        }
        var along = BeamProbe.OrbitAlong(lattice, start);
        var readings = new (double X, double Z)[at.Length];
        for (int i = 0; i < at.Length; i++)
        {
            var z = along[at[i]];
            if (i < RingErrors.BpmNames.Length)
            {
                var p = instruments.Bpm(new OrbitPoint(monitors[i], z[0], z[2]));
                readings[i] = (p.X, p.Z);
            }
            else
            {
                // Only the centroid matters here; the size is a placeholder the camera scales and the result drops.
                var p = instruments.Ccd(new BeamSpot(monitors[i], z[0], z[2], 1, 1, 0));
                readings[i] = (p.X, p.Z);
            }
        }
        return [.. readings.Select(r => r.X), .. readings.Select(r => r.Z)];
    }
}
