using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;
using Vepp2k.Physics.Optics;
using Vepp2k.Physics.Radiation;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// Damping acceleration (beam-physics.md 3.3): every mode's damping decrement multiplied by A, the quantum
/// excitation by the same factor, so a run reaches the same equilibrium in 1/A of the turns. Scaling the
/// ring's energy loss would move the synchronous phase and shrink the RF bucket; instead the extra
/// (A - 1) decrements are lumped at the ring's start as D = V diag(|lambda_k|^(A-1)) V^-1 about the
/// closed orbit (V, lambda: eigenvectors and eigenvalues of the radiative one-turn map M, so D commutes
/// with M and changes no tune), with the diffusion N = Sigma - D Sigma D^T that keeps the envelope's
/// Sigma the fixed point: Sigma = D (M Sigma M^T + B) D^T + N.
/// </summary>
public static class DampingAcceleration
{
    /// <param name="equilibrium">The beam matrix to keep (at the ring's start), the envelope's by default; with a vertical
    /// emittance added for a flat ring (<see cref="Collisions.WithVerticalEmittance"/>) so that it is not damped away.</param>
    public static EquilibriumDamping Element(Envelope envelope, double factor, Matrix6? equilibrium = null)
    {
        if (!(factor > 1)) throw new OpticsException($"a damping acceleration must exceed 1 (got {factor})");
        var modes = Eigenmodes.Analyze(envelope.OneTurn, 6);
        var v = Matrix<Complex>.Build.Dense(6, 6);
        var scale = Matrix<Complex>.Build.Dense(6, 6);
        for (int k = 0; k < 3; k++)
        {
            double extra = Math.Pow(modes.Values[k].Magnitude, factor - 1);
            scale[2 * k, 2 * k] = extra;
            scale[2 * k + 1, 2 * k + 1] = extra;
            for (int i = 0; i < 6; i++)
            {
                v[i, 2 * k] = modes.Vectors[k][i];
                v[i, 2 * k + 1] = Complex.Conjugate(modes.Vectors[k][i]);
            }
        }
        var d = v * scale * v.Inverse();
        var damping = new Matrix6();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) damping[i, j] = d[i, j].Real;
        var sigma = equilibrium ?? envelope.Sigma;
        var added = sigma - Matrix6.Sandwich(damping, sigma);
        // The element kicks before it damps, so its kick is N carried back through D^-1.
        var inverse = Matrix<double>.Build.Dense(6, 6, (i, j) => damping[i, j]).Inverse();
        var back = new Matrix6();
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) back[i, j] = inverse[i, j];
        return new EquilibriumDamping("DAMPING.ACCELERATION", envelope.ClosedOrbit, damping, GaussianNoise.Root(Matrix6.Sandwich(back, added)));
    }
}
