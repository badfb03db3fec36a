namespace Vepp2k.Physics.Numerics;

/// <summary>
/// A dense 6x6 real matrix, row-major. Transfer matrices, beam (sigma) matrices and diffusion
/// matrices are all this size; a tiny purpose-built type keeps the optics loop free of allocations.
/// </summary>
public sealed class Matrix6
{
    public const int N = 6;
    internal readonly double[] A = new double[36];

    public double this[int i, int j]
    {
        get => A[i * N + j];
        set => A[i * N + j] = value;
    }

    public static Matrix6 Identity()
    {
        var m = new Matrix6();
        for (int i = 0; i < N; i++) m.A[i * N + i] = 1;
        return m;
    }

    public Matrix6 Clone()
    {
        var m = new Matrix6();
        Array.Copy(A, m.A, 36);
        return m;
    }

    public void CopyFrom(Matrix6 other) => Array.Copy(other.A, A, 36);

    /// <summary>result = a * b (result may not alias a or b).</summary>
    public static void Multiply(Matrix6 a, Matrix6 b, Matrix6 result)
    {
        var x = a.A; var y = b.A; var r = result.A;
        for (int i = 0; i < N; i++)
        {
            int io = i * N;
            for (int j = 0; j < N; j++)
            {
                double s = 0;
                for (int k = 0; k < N; k++) s += x[io + k] * y[k * N + j];
                r[io + j] = s;
            }
        }
    }

    public static Matrix6 operator *(Matrix6 a, Matrix6 b)
    {
        var r = new Matrix6();
        Multiply(a, b, r);
        return r;
    }

    public static Matrix6 operator +(Matrix6 a, Matrix6 b)
    {
        var r = new Matrix6();
        for (int i = 0; i < 36; i++) r.A[i] = a.A[i] + b.A[i];
        return r;
    }

    public static Matrix6 operator -(Matrix6 a, Matrix6 b)
    {
        var r = new Matrix6();
        for (int i = 0; i < 36; i++) r.A[i] = a.A[i] - b.A[i];
        return r;
    }

    public Matrix6 Transpose()
    {
        var r = new Matrix6();
        for (int i = 0; i < N; i++)
            for (int j = 0; j < N; j++) r.A[j * N + i] = A[i * N + j];
        return r;
    }

    /// <summary>m * s * m^T, the congruence that propagates sigma and diffusion matrices.</summary>
    public static Matrix6 Sandwich(Matrix6 m, Matrix6 s) => m * s * m.Transpose();

    /// <summary>The symplectic form for (x,px),(y,py),(delta,ct).</summary>
    public static Matrix6 SymplecticForm()
    {
        var s = new Matrix6();
        for (int k = 0; k < 3; k++)
        {
            s[2 * k, 2 * k + 1] = 1;
            s[2 * k + 1, 2 * k] = -1;
        }
        return s;
    }

    /// <summary>Largest |(M^T S M - S)_ij| over the leading <paramref name="dim"/> coordinates.</summary>
    public double SymplecticError(int dim = 6)
    {
        var s = SymplecticForm();
        var e = Transpose() * s * this;
        double worst = 0;
        for (int i = 0; i < dim; i++)
            for (int j = 0; j < dim; j++) worst = Math.Max(worst, Math.Abs(e[i, j] - s[i, j]));
        return worst;
    }

    public double[,] ToArray(int dim = 6)
    {
        var r = new double[dim, dim];
        for (int i = 0; i < dim; i++)
            for (int j = 0; j < dim; j++) r[i, j] = A[i * N + j];
        return r;
    }

    /// <summary>Solves (this) x = b for the leading dim x dim block by Gaussian elimination with pivoting.</summary>
    public double[] Solve(ReadOnlySpan<double> b, int dim)
    {
        var a = new double[dim, dim + 1];
        for (int i = 0; i < dim; i++)
        {
            for (int j = 0; j < dim; j++) a[i, j] = A[i * N + j];
            a[i, dim] = b[i];
        }
        for (int c = 0; c < dim; c++)
        {
            int p = c;
            for (int r = c + 1; r < dim; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[p, c])) p = r;
            if (Math.Abs(a[p, c]) < 1e-300) throw new OpticsException("singular matrix in linear solve");
            if (p != c)
                for (int j = 0; j <= dim; j++) (a[c, j], a[p, j]) = (a[p, j], a[c, j]);
            for (int r = 0; r < dim; r++)
            {
                if (r == c) continue;
                double f = a[r, c] / a[c, c];
                if (f == 0) continue;
                for (int j = c; j <= dim; j++) a[r, j] -= f * a[c, j];
            }
        }
        var x = new double[dim];
        for (int i = 0; i < dim; i++) x[i] = a[i, dim] / a[i, i];
        return x;
    }
}
