using System.Numerics;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Tests.Tracking;

/// <summary>Tunes of tracked particles against the optics' eigen-analysis and analytic detuning.</summary>
public class TuneTests
{
    [Fact]
    public void NaffFindsTheFrequencyOfASyntheticSignal()
    {
        const int n = 1000;
        const double f = 0.31830988618379067, g = 0.1234567;
        var u = new double[n];
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            // The main line, its -f image (beta != 1) and a weaker second line, as a coupled plane shows.
            u[i] = 1.3 * Math.Cos(2 * Math.PI * f * i + 0.4) + 0.2 * Math.Cos(2 * Math.PI * g * i);
            p[i] = -0.7 * Math.Sin(2 * Math.PI * f * i + 0.4) - 0.1 * Math.Sin(2 * Math.PI * g * i);
        }
        Assert.Equal(f, Naff.Tune(u, p), 1e-9);
    }

    [Fact]
    public void SmallAmplitudeTunesEqualTheEigenTunesOfACoupledRing()
    {
        var lattice = TrackingLattices.Nonlinear().WithoutCavities();
        var optics = LinearOptics.Compute(lattice);
        const int turns = 1024;
        var beam = new ParticleBuffer(2);
        for (int k = 0; k < 2; k++)
        {
            var v = optics.Modes.Vectors[k];
            beam.Set(k, [1e-6 * v[0].Real, 1e-6 * v[1].Real, 1e-6 * v[2].Real, 1e-6 * v[3].Real, 0, 0]);
        }
        var record = new TurnRecord(2, turns);
        new RingTracker(lattice).Track(beam, turns, record: record);
        // Mode 1 is x-like, mode 2 y-like; each particle carries only its own mode.
        Assert.Equal(optics.FractionalTunes[0], Naff.Tune(record.XOf(0), record.PxOf(0)), 1e-6);
        Assert.Equal(optics.FractionalTunes[1], Naff.Tune(record.YOf(1), record.PyOf(1)), 1e-6);
    }

    // Launched in x alone, the particle carries both modes of the coupled ring; the projection on the
    // eigenvectors separates them.
    [Fact]
    public void ModeTunesSeparateTheModesOfAParticleLaunchedInOnePlane()
    {
        var lattice = TrackingLattices.Nonlinear().WithoutCavities();
        var optics = LinearOptics.Compute(lattice);
        const int turns = 1024;
        var beam = new ParticleBuffer(1);
        beam.Set(0, [1e-6, 0, 0, 0, 0, 0]);
        var record = new TurnRecord(1, turns);
        new RingTracker(lattice).Track(beam, turns, record: record);
        var (q1, q2) = new ModeTunes(optics.Modes, new double[6]).Of(record, 0, 0, turns);
        Assert.Equal(optics.FractionalTunes[0], q1, 1e-6);
        Assert.Equal(optics.FractionalTunes[1], q2, 1e-6);
    }

    [Fact]
    public void SlopeOfTrackedTunesInMomentumIsTheChromaticity()
    {
        var lattice = TestLattices.Ring().WithoutCavities();
        var linear = LinearOptics.Compute(lattice);
        var xi = Chromaticity.Compute(lattice, linear.Modes, linear.Dispersion0);
        const double delta = 1e-4;
        const int turns = 2048;
        var tunes = new double[2, 2];
        var context = new TrackContext(lattice.EnergyEv, false);
        for (int side = 0; side < 2; side++)
        {
            double d = side == 0 ? -delta : delta;
            var orbit = ClosedOrbit.Find4D(lattice.Elements, d, context);
            var beam = new ParticleBuffer(1);
            beam.Set(0, [orbit[0] + 1e-6, orbit[1], orbit[2] + 1e-6, orbit[3], d, 0]);
            var record = new TurnRecord(1, turns);
            new RingTracker(lattice).Track(beam, turns, record: record);
            tunes[side, 0] = Naff.Tune(Minus(record.XOf(0), orbit[0]), Minus(record.PxOf(0), orbit[1]));
            tunes[side, 1] = Naff.Tune(Minus(record.YOf(0), orbit[2]), Minus(record.PyOf(0), orbit[3]));
        }
        for (int k = 0; k < 2; k++) Assert.Equal(xi[k], (tunes[1, k] - tunes[0, k]) / (2 * delta), 1e-3);
    }

    /// <summary>
    /// A thin octupole, H = K3L (x^4 - 6 x^2 y^2 + y^4)/24 delta(s) (the MAD-X kick dpx = -K3L (x^3 - 3 x y^2)/6),
    /// averaged over the phase with x = sqrt(2 Jx betx) cos phi gives &lt;H&gt; = K3L (3/2 betx^2 Jx^2 - ...)/24,
    /// so to first order dQx/dJx = (1/2 pi) d^2&lt;H&gt;/dJx^2 = K3L betx^2/(16 pi) (e.g. S. Y. Lee, Accelerator
    /// Physics, 3rd ed., section 2.VII, octupole detuning; Wolski, Beam Dynamics in High Energy Particle
    /// Accelerators, eq. 9.60). The tracked Q(Jx) is fitted with a quadratic so second-order terms do not bias the slope.
    /// </summary>
    [Fact]
    public void DetuningOfALoneThinOctupoleIsTheFirstOrderFormula()
    {
        const double k3l = 500;
        var fodo = TestLattices.Fodo(6, 3.0, 1.2);
        var lattice = new Lattice("octupole", [new ThinMultipole("oct", [0, 0, 0, k3l], []), .. fodo.Elements], fodo.EnergyEv);
        var start = LinearOptics.Compute(lattice).Rows[0];
        Assert.Equal(0, start.AlfX, 1e-9);   // the ring starts at a quadrupole centre: J = x^2/(2 beta)
        double[] amplitudes = [1e-6, 0.5e-3, 1e-3, 1.5e-3, 2e-3];
        const int turns = 2048;
        var beam = new ParticleBuffer(amplitudes.Length);
        for (int i = 0; i < amplitudes.Length; i++) beam.Set(i, [amplitudes[i], 0, 0, 0, 0, 0]);
        var record = new TurnRecord(amplitudes.Length, turns);
        new RingTracker(lattice).Track(beam, turns, record: record);
        var actions = amplitudes.Select(a => a * a / (2 * start.BetX)).ToArray();
        var tunes = Enumerable.Range(0, amplitudes.Length).Select(i => Naff.Tune(record.XOf(i), record.PxOf(i))).ToArray();
        double slope = QuadraticFitSlope(actions, tunes);
        double expected = k3l * start.BetX * start.BetX / (16 * Math.PI);
        Assert.Equal(expected, slope, Math.Abs(expected) * 1e-3);
    }

    // The linear coefficient b of the least-squares fit q = a + b j + c j^2.
    private static double QuadraticFitSlope(double[] j, double[] q)
    {
        var m = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(j.Length, 3, (r, c) => Math.Pow(j[r], c));
        var v = MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(q);
        return m.QR().Solve(v)[1];
    }

    private static double[] Minus(ReadOnlySpan<double> signal, double offset)
    {
        var result = new double[signal.Length];
        for (int i = 0; i < signal.Length; i++) result[i] = signal[i] - offset;
        return result;
    }
}
