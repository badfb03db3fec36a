using System.Numerics;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// The transverse field of a bunch of macroparticles on a grid (particle-in-cell), in the units of
/// <see cref="GaussianField"/>: F = 2 pi eps0 E for unit total line density, F -> r/r^2 far away.
/// Charge is deposited by cloud-in-cell weights on an N x N grid centred on the bunch's centroid and
/// convolved with the free-space kernel (x, y)/r^2 by FFT on the doubled grid, Hockney's method for open
/// boundaries (R. W. Hockney, J. W. Eastwood, Computer Simulation Using Particles, 1988, ch. 6), so no
/// image charges appear; the field is gathered with the same weights (no self-force). The two field
/// components are the real and imaginary parts of one complex convolution with (x + i y)/r^2.
/// Particles beyond the grid carry no charge and see the bunch as a line charge at its centroid.
/// </summary>
public sealed class ParticleInCellField
{
    private readonly int n, size;
    private readonly Complex[] kernel;
    private readonly Complex[] grid;
    private readonly Complex[] row, column;

    /// <param name="cells">Cells per side (a power of two).</param>
    /// <param name="cellSize">Cell width [m], the same in x and y.</param>
    public ParticleInCellField(int cells, double cellSize)
    {
        if (cells < 4 || (cells & (cells - 1)) != 0) throw new ArgumentException("the grid needs a power-of-two number of cells, at least 4", nameof(cells));
        if (!(cellSize > 0)) throw new ArgumentException("the cell size must be positive", nameof(cellSize));
        n = cells;
        size = 2 * cells;
        CellSize = cellSize;
        grid = new Complex[size * size];
        row = new Complex[size];
        column = new Complex[size];
        // (x + i y)/r^2 at every offset of the doubled grid, negative offsets wrapped; zero at the origin
        // (a cell's own charge pushes it nowhere).
        kernel = new Complex[size * size];
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                if (i == n || j == n) continue;   // offsets of n cells cannot occur between cells of one grid
                double x = (i < n ? i : i - size) * cellSize, y = (j < n ? j : j - size) * cellSize;
                double r2 = x * x + y * y;
                if (r2 > 0) kernel[j * size + i] = new Complex(x / r2, y / r2);
            }
        Transform(kernel, inverse: false);
    }

    public double CellSize { get; }

    /// <summary>Field components on the grid nodes after <see cref="Solve"/> (row-major, y rows).</summary>
    private double[] fieldX = [], fieldY = [];

    private double originX, originY, centroidX, centroidY;

    /// <summary>Deposits the bunch (equal weights) and solves for its field.</summary>
    public void Solve(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        if (x.Length != y.Length || x.Length == 0) throw new ArgumentException("the bunch needs matching, non-empty coordinates");
        centroidX = Mean(x);
        centroidY = Mean(y);
        originX = centroidX - n / 2 * CellSize;
        originY = centroidY - n / 2 * CellSize;
        Array.Clear(grid);
        double weight = 1.0 / x.Length;
        for (int k = 0; k < x.Length; k++)
        {
            if (!Locate(x[k], y[k], out int i, out int j, out double fx, out double fy)) continue;
            grid[j * size + i] += weight * (1 - fx) * (1 - fy);
            grid[j * size + i + 1] += weight * fx * (1 - fy);
            grid[(j + 1) * size + i] += weight * (1 - fx) * fy;
            grid[(j + 1) * size + i + 1] += weight * fx * fy;
        }
        Transform(grid, inverse: false);
        for (int k = 0; k < grid.Length; k++) grid[k] *= kernel[k];
        Transform(grid, inverse: true);
        if (fieldX.Length != n * n)
        {
            fieldX = new double[n * n];
            fieldY = new double[n * n];
        }
        double scale = 1.0 / (size * size);
        for (int j = 0; j < n; j++)
            for (int i = 0; i < n; i++)
            {
                var f = grid[j * size + i] * scale;
                fieldX[j * n + i] = f.Real;
                fieldY[j * n + i] = f.Imaginary;
            }
    }

    /// <summary>The field of the last solved bunch at (x, y) [1/m].</summary>
    public (double Fx, double Fy) At(double x, double y)
    {
        if (!Locate(x, y, out int i, out int j, out double fx, out double fy))
        {
            double dx = x - centroidX, dy = y - centroidY, r2 = dx * dx + dy * dy;
            return r2 > 0 ? (dx / r2, dy / r2) : (0, 0);
        }
        double w00 = (1 - fx) * (1 - fy), w10 = fx * (1 - fy), w01 = (1 - fx) * fy, w11 = fx * fy;
        int a = j * n + i;
        return (w00 * fieldX[a] + w10 * fieldX[a + 1] + w01 * fieldX[a + n] + w11 * fieldX[a + n + 1],
                w00 * fieldY[a] + w10 * fieldY[a + 1] + w01 * fieldY[a + n] + w11 * fieldY[a + n + 1]);
    }

    private bool Locate(double x, double y, out int i, out int j, out double fx, out double fy)
    {
        double u = (x - originX) / CellSize, v = (y - originY) / CellSize;
        i = (int)Math.Floor(u);
        j = (int)Math.Floor(v);
        fx = u - i;
        fy = v - j;
        return i >= 0 && j >= 0 && i < n - 1 && j < n - 1;
    }

    private static double Mean(ReadOnlySpan<double> a)
    {
        double sum = 0;
        foreach (double v in a) sum += v;
        return sum / a.Length;
    }

    // 2-D transform of a size x size array: rows, then columns. The inverse is the forward transform of the
    // conjugate, conjugated (its 1/size^2 is applied by the caller).
    private void Transform(Complex[] a, bool inverse)
    {
        if (inverse) for (int k = 0; k < a.Length; k++) a[k] = Complex.Conjugate(a[k]);
        for (int j = 0; j < size; j++)
        {
            Array.Copy(a, j * size, row, 0, size);
            Fft.Forward(row);
            Array.Copy(row, 0, a, j * size, size);
        }
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++) column[j] = a[j * size + i];
            Fft.Forward(column);
            for (int j = 0; j < size; j++) a[j * size + i] = column[j];
        }
        if (inverse) for (int k = 0; k < a.Length; k++) a[k] = Complex.Conjugate(a[k]);
    }
}
