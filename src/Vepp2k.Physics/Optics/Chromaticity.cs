using System.Numerics;
using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// Chromaticity of both eigenmodes, dQ_k/d delta, by a central difference of the eigen-tunes on
/// the off-momentum orbits (the full nonlinear maps, so bend curvature, sextupole feed-down and
/// solenoid chromatic focusing all enter). Modes are matched to the on-momentum
/// ones by the overlap of their eigenvectors, not by the size of the tune.
/// </summary>
public static class Chromaticity
{
    public static double[] Compute(Lattice lattice, Eigenmodes onMomentum, IReadOnlyList<double> dispersion0, double step = 1e-6)
    {
        var plus = Tunes(lattice, onMomentum, dispersion0, step);
        var minus = Tunes(lattice, onMomentum, dispersion0, -step);
        var xi = new double[2];
        for (int k = 0; k < 2; k++)
        {
            double d = plus[k] - minus[k];
            d -= Math.Round(d);
            xi[k] = d / (2 * step);
        }
        return xi;
    }

    private static double[] Tunes(Lattice lattice, Eigenmodes reference, IReadOnlyList<double> d0, double delta)
    {
        var context = new TrackContext(lattice.EnergyEv, false);
        var guess = new double[6];
        for (int i = 0; i < 4; i++) guess[i] = d0[i] * delta;
        // The linear dispersive orbit D delta misses the closed orbit by O(delta^2) ~ 1e-12 m, the same
        // at +delta and -delta, so it cancels in the central difference: one pass per side suffices.
        guess[4] = delta;
        var m = Tracker.TrackWithJacobian(lattice.Elements, guess, context);
        var modes = Eigenmodes.Analyze(m, 4);
        double Overlap(int a, int b) => Eigenmodes.Krein(reference.Vectors[a], modes.Vectors[b]).Magnitude;
        bool swap = Overlap(0, 1) * Overlap(1, 0) > Overlap(0, 0) * Overlap(1, 1);
        return swap ? [modes.FractionalTune(1), modes.FractionalTune(0)] : [modes.FractionalTune(0), modes.FractionalTune(1)];
    }
}
