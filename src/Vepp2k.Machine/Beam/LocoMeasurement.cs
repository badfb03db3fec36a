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

    /// <summary>
    /// Default number of orbit readings averaged at each setting (the noise of an average of N readings is
    /// 1/sqrt(N) of one): one; the LOCO tests need 100-400 (docs/loco.md).
    /// </summary>
    public const int DefaultAverages = 1;

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
        double kickStep = DefaultKickStep, double deltaStep = DefaultDeltaStep, int averages = DefaultAverages)
    {
        if (averages < 1) throw new ArgumentException("at least one reading per setting");
        if (!(kickStep > 0) || !(deltaStep > 0)) throw new ArgumentException("the kick and momentum steps must be positive");
        var monitors = OrbitResponse.AllMonitors;
        var (response, dispersion) = Differences(ring, instruments, kickStep, deltaStep, averages);
        var noise = instruments.Noise;
        // One reading's noise, for the weights: a difference of two readings has sqrt(2) times it.
        double[] reading = [.. monitors.Select((m, i) => (i < RingErrors.BpmNames.Length ? noise.Bpm : noise.CcdPosition) / Math.Sqrt(averages))];
        double[] perRow = [.. reading, .. reading];
        var beam = BeamProbe.Observe(ring.Lattice);
        return new LocoMeasurement(monitors, [.. ring.Correctors.Select(c => c.Name)], response,
            [.. perRow.Select(s => Floor(s) * Math.Sqrt(2) / (2 * kickStep))], dispersion,
            [.. perRow.Select(s => Floor(s) * Math.Sqrt(2) / (2 * deltaStep))],
            [.. beam.Tunes.Select(t => instruments.Tune(t - Math.Floor(t)))], [.. beam.Ccds.Select(instruments.Ccd)], kickStep, deltaStep);
    }

    /// <summary>
    /// The response and dispersion as central differences of closed orbits read through the instruments: what
    /// the measurement takes, and what the model gives for the same steps (then with perfect, noiseless instruments).
    /// </summary>
    internal static (double[,] Response, double[] Dispersion) Differences(SteeredRing ring, Instruments instruments,
        double kickStep, double deltaStep, int averages)
    {
        var monitors = OrbitResponse.AllMonitors;
        int n = monitors.Count;
        var lattice = ring.Lattice;
        int[] at = [.. monitors.Select(m => BeamProbe.Index(lattice, m))];
        var response = new double[2 * n, ring.Correctors.Count];
        for (int j = 0; j < ring.Correctors.Count; j++)
        {
            var plus = Read(Kicked(lattice, ring.Correctors[j], kickStep), at, monitors, instruments, rf: true, 0, averages);
            var minus = Read(Kicked(lattice, ring.Correctors[j], -kickStep), at, monitors, instruments, rf: true, 0, averages);
            for (int i = 0; i < 2 * n; i++) response[i, j] = (plus[i] - minus[i]) / (2 * kickStep);
        }
        var high = Read(lattice, at, monitors, instruments, rf: false, deltaStep, averages);
        var low = Read(lattice, at, monitors, instruments, rf: false, -deltaStep, averages);
        return (response, high.Zip(low, (a, b) => (a - b) / (2 * deltaStep)).ToArray());
    }

    // A noiseless simulation still needs finite weights: the engine's closed orbits are good to ~1e-10 m.
    private static double Floor(double sigma) => Math.Max(sigma, 1e-9);

    // The ring with one corrector's kick changed by step: the thin kicker that carries it is replaced.
    internal static Lattice Kicked(Lattice lattice, SteeringCorrector corrector, double step)
    {
        int k = BeamProbe.Index(lattice, corrector.Element);
        var kicker = (Kicker)lattice.Elements[k];
        var elements = lattice.Elements.ToArray();
        elements[k] = corrector.Plane == KickPlane.X
            ? new Kicker(kicker.Name, kicker.Length, kicker.HKick + step, kicker.VKick)
            : new Kicker(kicker.Name, kicker.Length, kicker.HKick, kicker.VKick + step);
        return new Lattice(lattice.Name, elements, lattice.EnergyEv);
    }

    // The monitors' readings of the closed orbit (x readings then z), averaged over several readings: 6-D with
    // the RF, or 4-D at a fixed delta.
    private static double[] Read(Lattice lattice, int[] at, IReadOnlyList<string> monitors, Instruments instruments, bool rf, double delta, int averages)
    {
        double[] start;
        if (rf) start = BeamProbe.ClosedOrbit6D(lattice);
        else
        {
            lattice = lattice.WithoutCavities();
            start = ClosedOrbit.Find4D(lattice.Elements, delta, new TrackContext(lattice.EnergyEv, false));
        }
        var along = BeamProbe.OrbitAlong(lattice, start);
        var sum = new double[2 * at.Length];
        for (int reading = 0; reading < averages; reading++)
            for (int i = 0; i < at.Length; i++)
            {
                var z = along[at[i]];
                // Only a CCD's centroid matters here; its size is a placeholder the camera scales and the result drops.
                var (x, y) = i < RingErrors.BpmNames.Length
                    ? instruments.Bpm(new OrbitPoint(monitors[i], z[0], z[2])) is var p ? (p.X, p.Z) : default
                    : instruments.Ccd(new BeamSpot(monitors[i], z[0], z[2], 1, 1, 0)) is var c ? (c.X, c.Z) : default;
                sum[i] += x / averages;
                sum[at.Length + i] += y / averages;
            }
        return sum;
    }
}
