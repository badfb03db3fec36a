namespace Vepp2k.Machine.Magnets;

/// <summary>A strictly increasing smooth function with its derivative, for <see cref="MonotoneInverse"/>.</summary>
public interface IMonotoneFunction
{
    double Value(double x);
    double Slope(double x);
}

/// <summary>
/// Solves f(x) = y for a strictly increasing f on a bracket: Newton steps, falling back to
/// bisection whenever a step would leave the current bracket, so it always converges.
/// Generic over a struct or class so the call inlines and allocates nothing.
/// </summary>
public static class MonotoneInverse
{
    private const int MaxIterations = 200;
    private const double Tolerance = 1e-14;

    public static double Solve<TF>(TF f, double y, double lo, double hi) where TF : IMonotoneFunction
    {
        double flo = f.Value(lo) - y, fhi = f.Value(hi) - y;
        if (flo >= 0) return lo;
        if (fhi <= 0) return hi;
        double x = lo + (hi - lo) * (-flo / (fhi - flo));   // secant start: near-linear curves converge at once
        for (int i = 0; i < MaxIterations; i++)
        {
            double r = f.Value(x) - y;
            if (r == 0) return x;
            if (r < 0) lo = x; else hi = x;
            double step = r / f.Slope(x);
            // Converged to round-off: Newton is quadratic, so this step is already at the ulp level.
            if (Math.Abs(step) <= Tolerance * Math.Abs(x)) return x - step;
            double next = x - step;
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (hi - lo <= Tolerance * Math.Abs(next)) return next;
            x = next;
        }
        return x;
    }
}
