using System.Numerics;
using MathNet.Numerics.LinearAlgebra;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// The eigenmodes of a one-turn map (4x4 transverse or 6x6 with the longitudinal plane).
/// Each mode k is the eigenvector v_k normalised so that v_k^H S v_k = -i, with eigenvalue
/// lambda_k = |lambda_k| e^{-2 pi i nu_k}. In the uncoupled limit v = (sqrt(beta), -(alpha + i)/sqrt(beta))/sqrt 2,
/// so beta_kj = 2 |v_k[2j]|^2 (Mais-Ripken / Wolski). Modes are ordered x-like, y-like, longitudinal.
/// A degenerate transverse pair (equal fractional tunes, as round beams have) has no unique basis:
/// <see cref="AlignToPlanes"/> picks the one whose first vector has no vertical position component
/// at a chosen point (LinearOptics chooses a point in the arcs).
/// </summary>
public sealed class Eigenmodes
{
    private const double DegenerateLimit = 1e-8;

    /// <summary>Largest one-turn matrix entry of a ring worth analysing (a stable ring's are below ~1e4).</summary>
    public const double MaxEntry = 1e8;

    private Eigenmodes(Complex[][] vectors, Complex[] values)
    {
        Vectors = vectors;
        Values = values;
    }

    /// <summary>Mode eigenvectors (length = dimension).</summary>
    public Complex[][] Vectors { get; }

    /// <summary>The eigenvalue of each mode (the one whose eigenvector is in <see cref="Vectors"/>).</summary>
    public Complex[] Values { get; }

    public int Count => Vectors.Length;

    /// <summary>Fractional tune of mode k in [0, 1).</summary>
    public double FractionalTune(int k)
    {
        double nu = -Values[k].Phase / (2 * Math.PI);
        return nu - Math.Floor(nu);
    }

    /// <summary>Damping decrement of mode k per turn: -ln |lambda| (amplitude).</summary>
    public double Decrement(int k) => -Math.Log(Values[k].Magnitude);

    /// <summary>The Hermitian form h(u, v) = i u^H S v, positive on the normalised modes.</summary>
    public static Complex Krein(Complex[] u, Complex[] v)
    {
        Complex s = 0;
        for (int k = 0; k + 1 < u.Length; k += 2)
            s += Complex.Conjugate(u[k]) * v[k + 1] - Complex.Conjugate(u[k + 1]) * v[k];
        return Complex.ImaginaryOne * s;
    }

    public static Eigenmodes Analyze(Matrix6 m, int dimension)
    {
        for (int i = 0; i < dimension; i++)
            for (int j = 0; j < dimension; j++)
            {
                if (!double.IsFinite(m[i, j])) throw new OpticsException("the one-turn map is not finite (particle lost or a singular element)");
                // Entries this large only come from exponential growth; they also make the QR
                // iterations of the eigen-solver crawl, so refuse before calling it.
                if (Math.Abs(m[i, j]) > MaxEntry) throw new OpticsException($"one-turn map is unstable (matrix entry {m[i, j]:G3})");
            }
        var cm = Matrix<Complex>.Build.Dense(dimension, dimension, (i, j) => new Complex(m[i, j], 0));
        // Eigenvalues from the real solver: MathNet's complex QR iteration never returns on some
        // defective maps (a Jordan block at eigenvalue 1 with 1e-79 couplings, found by fuzzing).
        var values = Matrix<double>.Build.Dense(dimension, dimension, (i, j) => m[i, j]).Evd().EigenValues.ToArray();
        foreach (var value in values)
            if (Math.Abs(value.Magnitude - 1) > 1e-2 || Math.Abs(value.Imaginary) < 1e-12)
                throw new OpticsException($"one-turn map is unstable or on a resonance (eigenvalue {value.Real:G6}{value.Imaginary:+0.######;-0.######}i)");
        var candidates = new List<(Complex Value, Complex[] Vector)>();
        foreach (var cluster in UpperClusters(values))
            candidates.AddRange(PositiveModes(cm, cluster, dimension));
        int modes = dimension / 2;
        if (candidates.Count != modes)
            throw new OpticsException("one-turn map is unstable (its eigenvectors do not span the phase space)");

        var ordered = Order(candidates, dimension);
        var vectors = ordered.Select(c => c.Vector).ToArray();
        var modeValues = ordered.Select(c => c.Value).ToArray();
        if (Complex.Abs(modeValues[0] - modeValues[1]) < DegenerateLimit) (vectors[0], vectors[1]) = AlignToPlanes(vectors[0], vectors[1]);
        for (int k = 0; k < modes; k++) Rephase(vectors[k], 2 * k);
        return new Eigenmodes(vectors, modeValues);
    }

    // Eigenvalues in the upper half plane, grouped where they coincide (degenerate modes).
    private static List<List<Complex>> UpperClusters(Complex[] values)
    {
        var clusters = new List<List<Complex>>();
        foreach (var v in values.Where(v => v.Imaginary > 0))
        {
            var home = clusters.FirstOrDefault(c => Complex.Abs(c[0] - v) < 1e-6);
            if (home is null) clusters.Add([v]);
            else home.Add(v);
        }
        return clusters;
    }

    /// <summary>
    /// The eigenspace of one eigenvalue cluster (null space of M - lambda I by SVD, so degenerate
    /// pairs get a well-conditioned basis), split by the Krein form: a direction with positive form
    /// is a mode with this eigenvalue, one with negative form gives the mode of the conjugate
    /// eigenvalue (its complex conjugate). Each mode is normalised to i v^H S v = 1.
    /// </summary>
    private static IEnumerable<(Complex Value, Complex[] Vector)> PositiveModes(Matrix<Complex> m, List<Complex> cluster, int dimension)
    {
        var lambda = cluster.Aggregate(Complex.Zero, (a, b) => a + b) / cluster.Count;
        var shifted = m - Matrix<Complex>.Build.DenseIdentity(dimension) * lambda;
        var svd = shifted.Svd(true);
        var v = svd.VT.ConjugateTranspose();
        int k = cluster.Count;
        var basis = Enumerable.Range(dimension - k, k).Select(c => v.Column(c).ToArray()).ToArray();
        // Krein form on the subspace, diagonalised: directions of definite signature.
        var h = Matrix<Complex>.Build.Dense(k, k, (a, b) => Krein(basis[a], basis[b]));
        var evd = h.Evd(Symmetricity.Hermitian);
        for (int d = 0; d < k; d++)
        {
            double form = evd.EigenValues[d].Real;
            if (Math.Abs(form) < 1e-12) continue;
            var u = new Complex[dimension];
            for (int a = 0; a < k; a++)
                for (int i = 0; i < dimension; i++) u[i] += evd.EigenVectors[a, d] * basis[a][i];
            double scale = 1 / Math.Sqrt(Math.Abs(form));
            if (form > 0) yield return (lambda, u.Select(x => x * scale).ToArray());
            else yield return (Complex.Conjugate(lambda), u.Select(x => Complex.Conjugate(x) * scale).ToArray());
        }
    }

    /// <summary>True when the two transverse eigenvalues coincide (within rounding).</summary>
    public bool Degenerate => Complex.Abs(Values[0] - Values[1]) < DegenerateLimit;

    /// <summary>The same modes with the two transverse ones exchanged.</summary>
    internal Eigenmodes SwappedTransverse()
    {
        var vectors = (Complex[][])Vectors.Clone();
        var values = (Complex[])Values.Clone();
        (vectors[0], vectors[1]) = (vectors[1], vectors[0]);
        (values[0], values[1]) = (values[1], values[0]);
        return new Eigenmodes(vectors, values);
    }

    /// <summary>The same modes with new transverse eigenvectors (a different basis of a degenerate pair).</summary>
    internal Eigenmodes WithTransverse(Complex[] v1, Complex[] v2)
    {
        var vectors = (Complex[][])Vectors.Clone();
        vectors[0] = v1;
        vectors[1] = v2;
        Rephase(vectors[0], 0);
        Rephase(vectors[1], 2);
        return new Eigenmodes(vectors, Values);
    }

    // Longitudinal mode = largest (delta, ct) weight; of the others, x-like = larger x weight.
    private static List<(Complex Value, Complex[] Vector)> Order(List<(Complex Value, Complex[] Vector)> c, int dimension)
    {
        double Weight(Complex[] v, int plane) => v[2 * plane].Magnitude * v[2 * plane].Magnitude
                                                + v[2 * plane + 1].Magnitude * v[2 * plane + 1].Magnitude;
        var rest = c.ToList();
        (Complex, Complex[])? longitudinal = null;
        if (dimension == 6)
        {
            var l = rest.MaxBy(m => Weight(m.Vector, 2) / (Weight(m.Vector, 0) + Weight(m.Vector, 1) + Weight(m.Vector, 2)));
            rest.Remove(l);
            longitudinal = l;
        }
        var x = rest.MaxBy(m => Weight(m.Vector, 0) - Weight(m.Vector, 1));
        rest.Remove(x);
        var result = new List<(Complex, Complex[])> { x, rest[0] };
        if (longitudinal is { } lm) result.Add(lm);
        return result;
    }

    /// <summary>
    /// In a degenerate pair any combination is an eigenvector: returns the basis whose first vector
    /// has zero y here and whose second is Krein-orthogonal to it, reproducible and plane-aligned.
    /// </summary>
    public static (Complex[] First, Complex[] Second) AlignToPlanes(Complex[] a, Complex[] b)
    {
        var first = new Complex[a.Length];
        for (int i = 0; i < a.Length; i++) first[i] = b[2] * a[i] - a[2] * b[i];
        double norm = Krein(first, first).Real;
        if (norm <= 1e-30) return (a, b);
        for (int i = 0; i < a.Length; i++) first[i] /= Math.Sqrt(norm);
        var other = Krein(first, a).Magnitude < Krein(first, b).Magnitude ? a : b;
        var proj = Krein(first, other);
        var second = new Complex[a.Length];
        for (int i = 0; i < a.Length; i++) second[i] = other[i] - proj * first[i];
        double norm2 = Krein(second, second).Real;
        for (int i = 0; i < a.Length; i++) second[i] /= Math.Sqrt(norm2);
        return (first, second);
    }

    // Gauge: the mode's own-plane position component real and positive (phase zero at this point).
    private static void Rephase(Complex[] v, int index)
    {
        var home = v[index].Magnitude > 1e-12 ? v[index] : v[index == 0 ? 2 : 0];
        if (home.Magnitude == 0) return;
        var phase = Complex.Conjugate(home) / home.Magnitude;
        for (int i = 0; i < v.Length; i++) v[i] *= phase;
    }
}
