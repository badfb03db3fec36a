using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Optics;

/// <summary>Closed orbits by Newton iteration on the exact one-turn map and its Jacobian.</summary>
public static class ClosedOrbit
{
    private const int MaxIterations = 30;

    /// <summary>
    /// The transverse closed orbit at fixed momentum deviation <paramref name="delta"/> (no cavity
    /// action on delta): solves z = T(z) for (x, px, y, py). <paramref name="guess"/> may be null.
    /// </summary>
    public static double[] Find4D(IReadOnlyList<Element> elements, double delta, in TrackContext context, double[]? guess = null) =>
        Find4DWithMap(elements, delta, context, guess).Orbit;

    /// <summary>As <see cref="Find4D"/>, also returning the one-turn Jacobian on the orbit (no extra pass).</summary>
    public static (double[] Orbit, Matrix6 OneTurn) Find4DWithMap(IReadOnlyList<Element> elements, double delta, in TrackContext context, double[]? guess = null)
    {
        var z = new double[6];
        if (guess is not null) Array.Copy(guess, z, 4);
        z[4] = delta;
        return Newton(elements, z, 4, context, 1e-13)
            ?? throw new OpticsException($"no transverse closed orbit found at delta = {delta:G3} (unstable or resonant optics)");
    }

    /// <summary>
    /// The 6-D closed orbit with cavities (and radiation when the context says so): the
    /// synchronous particle, including its energy offset and phase where radiation losses are
    /// replaced by the RF.
    /// </summary>
    public static double[] Find6D(IReadOnlyList<Element> elements, in TrackContext context, double[]? guess = null)
    {
        var z = guess is null ? new double[6] : (double[])guess.Clone();
        // Only the orbit is wanted here, not the Jacobian at it: a residual of 1e-6 is followed by a
        // quadratic step that leaves ~1e2 x (1e-6)^2 = 1e-10 on the VEPP-2000 rings (observed: 5e-13
        // after a 8e-8 residual), far below any beam size, and saves the third pass through the
        // radiating ring.
        return (Newton(elements, z, 6, context, 1e-6)
            ?? throw new OpticsException("no 6-D closed orbit found (RF voltage below the energy loss, or unstable optics)")).Orbit;
    }

    // Newton on the first `dims` coordinates (the rest held): z <- z + (I - J)^-1 (T(z) - z).
    // Returns the orbit and the Jacobian tracked from it, or null when it does not converge.
    private static (double[] Orbit, Matrix6 OneTurn)? Newton(IReadOnlyList<Element> elements, double[] z, int dims,
        in TrackContext context, double tolerance)
    {
        var work = new double[6];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            z.CopyTo(work, 0);
            var m = Tracker.TrackWithJacobian(elements, work, context);
            if (!work.All(double.IsFinite)) throw new OpticsException("particle lost while searching the closed orbit");
            var r = new double[dims];
            double size = 0;
            for (int i = 0; i < dims; i++) { r[i] = work[i] - z[i]; size = Math.Max(size, Math.Abs(r[i])); }
            if (size < 1e-15) return (z, m);
            var a = new Matrix6();
            for (int i = 0; i < dims; i++)
                for (int j = 0; j < dims; j++) a[i, j] = (i == j ? 1 : 0) - m[i, j];
            var step = a.Solve(r, dims);
            for (int i = 0; i < dims; i++) z[i] += step[i];
            // Quadratic convergence: once the residual is this small the last step leaves ~1e-24,
            // and the Jacobian at the previous point differs from the one at z by ~1e-12. A step
            // that is not small with it (I - J near singular) gets another pass instead of trust.
            if (size < tolerance && step.All(s => Math.Abs(s) < 1e3 * tolerance)) return (z, m);
        }
        return null;
    }
}
