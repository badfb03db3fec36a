using MathNet.Numerics.LinearAlgebra;
using Complex = System.Numerics.Complex;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tracking;

/// <summary>
/// The tails of a tracked beam in the normal modes of a reference Gaussian (the envelope's Sigma). The
/// eigenvectors u_k of Sigma S (Sigma S u_k = i eps_k u_k), normalised so that u_k^H S u_k = i, give each
/// particle's mode amplitude a_k = u_k^H S z, whose |a_k|^2 has mean eps_k over a Gaussian beam of covariance
/// Sigma and is exponentially distributed; A_k = sqrt(2 |a_k|^2 / eps_k) is the amplitude in units of the
/// mode's rms, and a Gaussian beam has P(A_k > A) = exp(-A^2/2), the reference the counts are set beside.
/// Where the beam is not Gaussian (beam-beam, nonlinear resonances) the counts beyond 3-5 sigma part from it.
/// Modes without emittance (an uncoupled ring's vertical plane) are left out.
/// </summary>
public sealed class BeamTails
{
    private static readonly Matrix6 S = Matrix6.SymplecticForm();
    private readonly Complex[][] vectors;
    private readonly double[] emittances;

    /// <param name="sigma">The reference beam matrix (engine order x, px, y, py, delta, ct).</param>
    public BeamTails(Matrix6 sigma)
    {
        var product = sigma * S;
        var m = Matrix<Complex>.Build.Dense(6, 6, (i, j) => product[i, j]);
        var evd = m.Evd();
        var found = new List<(double Emittance, Complex[] Vector)>();
        for (int c = 0; c < 6; c++)
        {
            var lambda = evd.EigenValues[c];
            if (lambda.Imaginary <= 0) continue;
            var u = Enumerable.Range(0, 6).Select(i => evd.EigenVectors[i, c]).ToArray();
            // u^H S u is imaginary; scaled to i (a positive multiple of i for this sign of the eigenvalue).
            var form = Form(u, S);
            double scale = form.Imaginary;
            if (!(scale > 0)) continue;
            found.Add((lambda.Imaginary, [.. u.Select(v => v / Math.Sqrt(scale))]));
        }
        double largest = found.Count == 0 ? 0 : found.Max(f => f.Emittance);
        found.RemoveAll(f => f.Emittance < 1e-12 * largest);
        if (found.Count == 0) throw new OpticsException("the reference beam matrix has no mode with emittance");
        // Transverse modes first (most of the vector's weight in x, px, y, py), x-like before y-like.
        static double Weight(Complex[] v, int from, int to) => v[from..to].Sum(c => c.Magnitude * c.Magnitude) / v.Sum(c => c.Magnitude * c.Magnitude);
        var ordered = found.OrderBy(f => Weight(f.Vector, 0, 4) > 0.5 ? 0 : 1).ThenByDescending(f => Weight(f.Vector, 0, 2)).ToList();
        vectors = [.. ordered.Select(f => f.Vector)];
        emittances = [.. ordered.Select(f => f.Emittance)];
    }

    /// <summary>Emittances of the reference's modes with emittance (transverse x-like, y-like, then longitudinal).</summary>
    public IReadOnlyList<double> Emittances => emittances;

    /// <summary>Amplitude in units of the mode's rms of a deviation z from the beam centre, in each mode.</summary>
    public double[] Amplitudes(ReadOnlySpan<double> z)
    {
        var a = new double[vectors.Length];
        for (int k = 0; k < a.Length; k++) a[k] = Amplitude(z, k);
        return a;
    }

    /// <summary>Amplitude in units of its rms of a deviation z from the beam centre in one mode (an index of <see cref="Emittances"/>).</summary>
    public double Amplitude(ReadOnlySpan<double> z, int mode) => Math.Sqrt(2 * Action(z, mode) / emittances[mode]);

    /// <summary>
    /// The action |a|^2 [m] of a deviation z from the beam centre in one mode: its mean over the reference beam is the
    /// mode's emittance, and the linear motion that matches the reference leaves it unchanged.
    /// </summary>
    public double Action(ReadOnlySpan<double> z, int mode)
    {
        // u^H S z, with S z = (px, -x, py, -y, ct, -delta) for the symplectic form S, one 2x2 block per plane.
        var u = vectors[mode];
        Complex sum = 0;
        for (int i = 0; i < 6; i += 2) sum += Complex.Conjugate(u[i]) * z[i + 1] - Complex.Conjugate(u[i + 1]) * z[i];
        return sum.Real * sum.Real + sum.Imaginary * sum.Imaginary;
    }

    /// <summary>Fraction of <paramref name="deviations"/> beyond each amplitude, per mode: [mode][threshold].</summary>
    public double[][] FractionBeyond(IReadOnlyList<double[]> deviations, IReadOnlyList<double> thresholds)
    {
        var counts = new double[vectors.Length][];
        for (int k = 0; k < counts.Length; k++) counts[k] = new double[thresholds.Count];
        foreach (var z in deviations)
        {
            var a = Amplitudes(z);
            for (int k = 0; k < a.Length; k++)
                for (int t = 0; t < thresholds.Count; t++)
                    if (a[k] > thresholds[t]) counts[k][t]++;
        }
        foreach (var row in counts)
            for (int t = 0; t < row.Length; t++) row[t] /= Math.Max(1, deviations.Count);
        return counts;
    }

    /// <summary>The Gaussian reference: the fraction of a Gaussian beam beyond amplitude A in one mode, exp(-A^2/2).</summary>
    public static double GaussianBeyond(double amplitude) => Math.Exp(-amplitude * amplitude / 2);

    private static Complex Form(Complex[] u, Matrix6 s)
    {
        Complex sum = 0;
        for (int i = 0; i < 6; i++)
            for (int j = 0; j < 6; j++) sum += Complex.Conjugate(u[i]) * s[i, j] * u[j];
        return sum;
    }
}
