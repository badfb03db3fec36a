using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>Which ring a weak-strong run tracks: every element, or one linear map per stretch between IPs.</summary>
public enum BeamBeamModel
{
    Lattice,
    Linear,
}

/// <summary>
/// The fast model of issue 14: the ring as its IP markers joined by one <see cref="LinearArc"/> per stretch,
/// built from the element-by-element ring. Each arc's radiative matrix is the Jacobian of the radiative
/// integration steps about the 6-D closed orbit, its diffusion N = Sigma_out - M Sigma_in M^T from the Ohmi
/// envelope at both ends (so the model's equilibrium is the envelope's), its symplectic matrix the same
/// stretch without radiation and RF. The chromaticity of each mode (and a tune change, for a working-point
/// scan) is shared equally among the arcs, which is exact for a ring whose stretches are copies of one
/// another (VEPP-2000's two halves between SND and CMD are mirror images).
/// </summary>
public static class LinearRing
{
    /// <param name="lattice">The ring, starting at the first IP.</param>
    /// <param name="tunes">
    /// Fractional mode tunes to give the model (a working-point scan), or null for the lattice's: the difference
    /// is added as a fixed phase in each arc's normal-mode frame, shared equally, so the betas at the IPs, the
    /// eigenvectors and the envelope's equilibrium stay the lattice's.
    /// </param>
    /// <param name="verticalEmittance">
    /// Vertical emittance the model keeps in equilibrium (<see cref="Collisions.WithVerticalEmittance"/> at each IP
    /// before the diffusion is taken): what coupling errors give a real flat ring, whose own envelope has none and
    /// would damp the weak beam's vertical size to nothing.
    /// </param>
    public static Lattice Build(Lattice lattice, IReadOnlyList<string> ips, Envelope envelope, double sliceLength,
        IReadOnlyList<double>? tunes = null, double verticalEmittance = 0)
    {
        var at = ips.Select(ip => lattice.IndexOf(ip) is >= 0 and var i ? i : throw new OpticsException($"{lattice.Name} has no IP {ip}"))
            .Distinct().Order().ToList();
        if (at[0] != 0) throw new OpticsException($"the ring must start at an IP to be cut into arcs between IPs");
        var sigmaAt = envelope.SigmaAt(lattice, at, sliceLength);
        var radiating = new TrackContext(lattice.EnergyEv, true);
        var plain = new TrackContext(lattice.EnergyEv, false);
        var orbit = (double[])envelope.ClosedOrbit.Clone();
        var drifts = lattice.WithoutCavities().Elements;
        // The normal-mode frame and the dispersion at the first IP, carried through each arc's symplectic
        // matrix to the next: at equal tunes (the round design) the eigenvectors at an IP are any basis of the
        // degenerate plane, and only frames carried from one start rotate the same two modes in every arc.
        var optics = LinearOptics.Compute(lattice.WithoutCavities());
        var xi = Chromaticity.Compute(lattice.WithoutCavities(), optics.Modes, optics.Dispersion0);
        var frame = new double[4, 4];
        for (int k = 0; k < 2; k++)
            for (int i = 0; i < 4; i++)
            {
                frame[i, 2 * k] = optics.Modes.Vectors[k][i].Real;
                frame[i, 2 * k + 1] = optics.Modes.Vectors[k][i].Imaginary;
            }
        var dispersion = optics.Dispersion0.Take(4).ToArray();
        double Offset(int k) => tunes is null ? 0 : 2 * Math.PI * (tunes[k] - optics.Modes.FractionalTune(k)) / at.Count;
        double[] perDelta = [2 * Math.PI * xi[0] / at.Count, 2 * Math.PI * xi[1] / at.Count], offset = [Offset(0), Offset(1)];
        var elements = new List<Element>();
        for (int n = 0; n < at.Count; n++)
        {
            int from = at[n], to = n + 1 < at.Count ? at[n + 1] : lattice.Elements.Count;
            var stretch = lattice.Elements.Skip(from + 1).Take(to - from - 1).ToList();
            var orbitIn = (double[])orbit.Clone();
            var radiative = Tracker.TrackWithJacobian(stretch.SelectMany(e => e.IntegrationSteps(sliceLength)).ToList(), orbit, radiating);
            var symplectic = Tracker.TrackWithJacobian(drifts.Skip(from + 1).Take(to - from - 1).ToList(), new double[6], plain);
            (frame, dispersion) = Carry(symplectic, frame, dispersion);
            var sigmaIn = Collisions.WithVerticalEmittance(sigmaAt[n], optics.Rows[from + 1], verticalEmittance);
            var sigmaOut = n + 1 < at.Count ? Collisions.WithVerticalEmittance(sigmaAt[n + 1], optics.Rows[to + 1], verticalEmittance)
                : Collisions.WithVerticalEmittance(envelope.Sigma, optics.Start, verticalEmittance);
            var back = Inverse(radiative);
            var noise = GaussianNoise.Root(Matrix6.Sandwich(back, sigmaOut - Matrix6.Sandwich(radiative, sigmaIn)));
            string exit = lattice.Elements[to % lattice.Elements.Count].Name;
            elements.Add(lattice.Elements[from]);
            elements.Add(new LinearArc($"ARC.{lattice.Elements[from].Name}.{exit}", stretch.Sum(e => e.Length), orbitIn, orbit,
                radiative, symplectic, noise, Phases(frame, dispersion, perDelta, offset)));
        }
        return new Lattice(lattice.Name, elements, lattice.EnergyEv);
    }

    // W (4x4) and D carried through M: W' = M44 W, D' = M44 D + M[0:4, 4].
    private static (double[,] Frame, double[] Dispersion) Carry(Matrix6 m, double[,] w, double[] d)
    {
        var frame = new double[4, 4];
        var dispersion = new double[4];
        for (int i = 0; i < 4; i++)
        {
            dispersion[i] = m[i, 4];
            for (int j = 0; j < 4; j++)
            {
                dispersion[i] += m[i, j] * d[j];
                for (int k = 0; k < 4; k++) frame[i, k] += m[i, j] * w[j, k];
            }
        }
        return (frame, dispersion);
    }

    private static ArcPhases Phases(double[,] frame, double[] dispersion, double[] perDelta, double[] offset)
    {
        var w = new Matrix6();
        for (int i = 0; i < 4; i++)
            for (int k = 0; k < 4; k++) w[i, k] = frame[i, k];
        return new ArcPhases(w, Inverse(w, 4), dispersion, perDelta, offset);
    }

    private static Matrix6 Inverse(Matrix6 m, int dimension = 6)
    {
        var inverse = Matrix<double>.Build.Dense(dimension, dimension, (i, j) => m[i, j]).Inverse();
        var result = new Matrix6();
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++) result[i, j] = inverse[i, j];
        return result;
    }
}
