using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.Radiation;

/// <summary>
/// Radiative equilibrium of the beam by the Ohmi envelope method (Ohmi, Hirata, Oide, PRE 49, 751,
/// 1994; as pyAT's ohmi_envelope): the 6-D closed orbit with radiation and RF, the one-turn map M
/// with damping, the quantum-excitation matrix B accumulated over every radiation point inside the
/// bends, and the equilibrium Sigma = M Sigma M^T + B solved in the eigenbasis of M. Valid for any
/// coupling (solenoids included), unlike the I-integral formulas.
/// </summary>
public sealed class Envelope
{
    public required double[] ClosedOrbit { get; init; }
    public required Matrix6 OneTurn { get; init; }
    public required Matrix6 Diffusion { get; init; }
    public required Matrix6 Sigma { get; init; }
    public required double EnergyLossEv { get; init; }

    /// <summary>Mode emittances (x-like, y-like, longitudinal) [m rad]; the longitudinal one in (delta, ct) units.</summary>
    public required double[] Emittances { get; init; }

    /// <summary>Amplitude damping decrements per turn of the three modes.</summary>
    public required double[] Decrements { get; init; }
    public required double[] Partition { get; init; }
    public required double SynchrotronTune { get; init; }
    public double EnergySpread => Math.Sqrt(Sigma[4, 4]);
    public double BunchLength => Math.Sqrt(Sigma[5, 5]);

    /// <param name="transverseModes">
    /// The 4-D modes of the same ring: when given, the 6-D transverse modes are labelled to match
    /// them (by eigenvector overlap), so "mode 1" means the same thing in the optics and here even
    /// where the planes are mixed at the starting point.
    /// </param>
    public static Envelope Compute(Lattice lattice, double sliceLength = 0.1, Eigenmodes? transverseModes = null)
    {
        if (!lattice.HasCavity)
            throw new OpticsException("the 6-D equilibrium needs an RF cavity with voltage and frequency in the lattice");
        var steps = lattice.RadiationSteps(sliceLength);
        var context = new TrackContext(lattice.EnergyEv, true);
        double u0 = EnergyLoss(lattice, steps);
        var orbit = Optics.ClosedOrbit.Find6D(steps, context, SynchronousGuess(lattice, u0));

        // Walk once, re-seeding the Jacobian at every radiation point: B_cum <- M_seg B_cum M_seg^T + B_i.
        var total = Matrix6.Identity();
        var diffusion = new Matrix6();
        var z = (double[])orbit.Clone();
        var p = PhaseVector.Seed(z);
        var segment = new Matrix6();
        var scratch = new Matrix6();
        foreach (var step in steps)
        {
            if (step is RadiationPoint point)
            {
                Flush(ref p, z, segment, scratch, total, diffusion);
                point.AddDiffusion(z, lattice.EnergyEv, diffusion);
            }
            step.Track(ref p, context);
        }
        Flush(ref p, z, segment, scratch, total, diffusion);

        var sigma = SolveLyapunov(total, diffusion, out var modes);
        int[] order = transverseModes is null ? [0, 1, 2] : MatchTransverse(modes, transverseModes);
        var emittances = new double[3];
        var decrements = new double[3];
        var s = Matrix6.SymplecticForm();
        var ssst = s * sigma * s.Transpose();
        for (int k = 0; k < 3; k++)
        {
            emittances[k] = Quadratic(modes.Vectors[order[k]], ssst);
            decrements[k] = modes.Decrement(order[k]);
        }
        double scale = 2 * lattice.EnergyEv / u0;
        return new Envelope
        {
            ClosedOrbit = orbit, OneTurn = total, Diffusion = diffusion, Sigma = sigma, EnergyLossEv = u0,
            Emittances = emittances, Decrements = decrements,
            Partition = decrements.Select(d => d * scale).ToArray(),
            SynchrotronTune = Math.Min(modes.FractionalTune(2), 1 - modes.FractionalTune(2)),
        };
    }

    /// <summary>
    /// The beam matrix at the exit of each given element (indices into <paramref name="lattice"/>, the ring
    /// this envelope was computed for): Sigma_i = T Sigma_0 T^T + B_i, with T the radiative transfer map from
    /// the start and B_i the quantum excitation gathered on the way, so the beam sizes, tilts and correlations
    /// anywhere in the ring follow from the one equilibrium at the start.
    /// </summary>
    public Matrix6[] SigmaAt(Lattice lattice, IReadOnlyList<int> exits, double sliceLength = 0.1)
    {
        var wanted = new Dictionary<int, List<int>>();
        for (int k = 0; k < exits.Count; k++)
        {
            if (exits[k] < 0 || exits[k] >= lattice.Elements.Count) throw new ArgumentOutOfRangeException(nameof(exits), $"no element {exits[k]} in {lattice.Name}");
            if (!wanted.TryGetValue(exits[k], out var list)) wanted[exits[k]] = list = [];
            list.Add(k);
        }
        var result = new Matrix6[exits.Count];
        var context = new TrackContext(lattice.EnergyEv, true);
        var total = Matrix6.Identity();
        var diffusion = new Matrix6();
        var z = (double[])ClosedOrbit.Clone();
        var p = PhaseVector.Seed(z);
        var segment = new Matrix6();
        var scratch = new Matrix6();
        for (int i = 0; i < lattice.Elements.Count; i++)
        {
            foreach (var step in lattice.Elements[i].IntegrationSteps(sliceLength))
            {
                if (step is RadiationPoint point)
                {
                    Flush(ref p, z, segment, scratch, total, diffusion);
                    point.AddDiffusion(z, lattice.EnergyEv, diffusion);
                }
                step.Track(ref p, context);
            }
            if (!wanted.TryGetValue(i, out var slots)) continue;
            Flush(ref p, z, segment, scratch, total, diffusion);
            var sigma = Matrix6.Sandwich(total, Sigma) + diffusion;
            foreach (int k in slots) result[k] = sigma;
        }
        return result;
    }

    // Start of the 6-D search at the synchronous phase of the first cavity, sin(phi) = U0/V with
    // cos(phi) < 0 (the stable side above transition), so Newton needs two or three passes, not six.
    private static double[] SynchronousGuess(Lattice lattice, double u0)
    {
        var cavities = lattice.Elements.OfType<RfCavity>().Where(c => c.VoltageV != 0 && c.FrequencyHz > 0).ToList();
        double voltage = cavities.Sum(c => c.VoltageV);
        var guess = new double[6];
        if (u0 >= voltage) return guess;
        var first = cavities[0];
        double k = 2 * Math.PI * first.FrequencyHz / Constants.SpeedOfLight;
        double phase = Math.PI - Math.Asin(u0 / voltage) - 2 * Math.PI * first.Lag;
        phase -= 2 * Math.PI * Math.Round(phase / (2 * Math.PI));
        guess[5] = phase / k;
        return guess;
    }

    // [0, 1, 2] or [1, 0, 2]: which 6-D transverse mode is the 4-D mode 1.
    private static int[] MatchTransverse(Eigenmodes six, Eigenmodes four)
    {
        double Overlap(int a, int b) => Eigenmodes.Krein(six.Vectors[a][..4], four.Vectors[b]).Magnitude;
        return Overlap(0, 1) * Overlap(1, 0) > Overlap(0, 0) * Overlap(1, 1) ? [1, 0, 2] : [0, 1, 2];
    }

    // Ends a segment: folds its Jacobian into the running products and re-seeds at the current point.
    private static void Flush(ref Phase<Dual6> p, double[] z, Matrix6 segment, Matrix6 scratch, Matrix6 total, Matrix6 diffusion)
    {
        PhaseVector.Extract(p, z, segment);
        Matrix6.Multiply(segment, total, scratch);
        total.CopyFrom(scratch);
        var propagated = Matrix6.Sandwich(segment, diffusion);
        diffusion.CopyFrom(propagated);
        p = PhaseVector.Seed(z);
    }

    /// <summary>
    /// Sigma = M Sigma M^T + B: with M = V L V^-1, Sigma' = V^-1 B V^-T has entries
    /// B'_ij / (1 - l_i l_j), and Sigma = V Sigma' V^T.
    /// </summary>
    private static Matrix6 SolveLyapunov(Matrix6 m, Matrix6 b, out Eigenmodes modes)
    {
        modes = Eigenmodes.Analyze(m, 6);
        // The eigenbasis is the three modes and their conjugates (no second eigen-solve needed).
        var lambda = new Complex[6];
        var v = Matrix<Complex>.Build.Dense(6, 6);
        for (int k = 0; k < 3; k++)
        {
            lambda[2 * k] = modes.Values[k];
            lambda[2 * k + 1] = Complex.Conjugate(modes.Values[k]);
            for (int i = 0; i < 6; i++)
            {
                v[i, 2 * k] = modes.Vectors[k][i];
                v[i, 2 * k + 1] = Complex.Conjugate(modes.Vectors[k][i]);
            }
        }
        var vi = v.Inverse();
        var bc = Matrix<Complex>.Build.Dense(6, 6, (i, j) => new Complex(b[i, j], 0));
        var bp = vi * bc * vi.Transpose();
        var sp = Matrix<Complex>.Build.Dense(6, 6, (i, j) => bp[i, j] / (1 - lambda[i] * lambda[j]));
        var sigma = v * sp * v.Transpose();
        var result = new Matrix6();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) result[i, j] = sigma[i, j].Real;
        return result;
    }

    // v^H X v, real for Hermitian-form X: the emittance of a mode with v^H S v = -i.
    private static double Quadratic(Complex[] v, Matrix6 x)
    {
        Complex s = 0;
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) s += Complex.Conjugate(v[i]) * x[i, j] * v[j];
        return s.Real;
    }

    // Energy radiated per turn by the on-energy particle on the ideal orbit, cavities off [eV].
    private static double EnergyLoss(Lattice lattice, IReadOnlyList<Element> steps)
    {
        var context = new TrackContext(lattice.EnergyEv, true);
        var z = new double[6];
        var radiating = steps.Where(e => e is not RfCavity).ToArray();
        Tracker.Track(radiating, z, context);
        return -z[4] * lattice.EnergyEv;
    }
}
