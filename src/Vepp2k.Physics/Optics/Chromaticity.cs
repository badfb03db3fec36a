using Vepp2k.Physics.Elements;

namespace Vepp2k.Physics.Optics;

/// <summary>
/// Chromaticity of both eigenmodes, dQ_k/d delta, by a central difference of the eigen-tunes on
/// the off-momentum orbits (the full nonlinear maps, so bend curvature, sextupole feed-down and
/// solenoid chromatic focusing all enter). The modes at +delta and -delta are paired by the overlap
/// of their own eigenvectors: at equal tunes (round beams) the momentum error splits the pair along
/// eigenvectors of its own, the same on both sides, and pairing them through the arbitrary
/// on-momentum basis would average the two slopes. Each pair is then named after the on-momentum
/// mode it overlaps most.
/// </summary>
public static class Chromaticity
{
    public static double[] Compute(Lattice lattice, Eigenmodes onMomentum, IReadOnlyList<double> dispersion0, double step = 1e-6)
    {
        var plus = Modes(lattice, dispersion0, step);
        var minus = Modes(lattice, dispersion0, -step);
        bool crossed = Overlap(plus, 0, minus, 1) * Overlap(plus, 1, minus, 0) > Overlap(plus, 0, minus, 0) * Overlap(plus, 1, minus, 1);
        int[] partner = crossed ? [1, 0] : [0, 1];
        bool renamed = Overlap(onMomentum, 0, plus, 1) * Overlap(onMomentum, 1, plus, 0)
                       > Overlap(onMomentum, 0, plus, 0) * Overlap(onMomentum, 1, plus, 1);
        var xi = new double[2];
        for (int k = 0; k < 2; k++)
        {
            int p = renamed ? 1 - k : k;
            double d = plus.FractionalTune(p) - minus.FractionalTune(partner[p]);
            d -= Math.Round(d);
            xi[k] = d / (2 * step);
        }
        return xi;
    }

    private static double Overlap(Eigenmodes a, int i, Eigenmodes b, int j) => Eigenmodes.Krein(a.Vectors[i], b.Vectors[j]).Magnitude;

    private static Eigenmodes Modes(Lattice lattice, IReadOnlyList<double> d0, double delta)
    {
        var context = new TrackContext(lattice.EnergyEv, false);
        var guess = new double[6];
        for (int i = 0; i < 4; i++) guess[i] = d0[i] * delta;
        // The linear dispersive orbit D delta misses the closed orbit by O(delta^2) ~ 1e-12 m, the same
        // at +delta and -delta, so it cancels in the central difference: one pass per side suffices.
        guess[4] = delta;
        var m = Tracker.TrackWithJacobian(lattice.Elements, guess, context);
        return Eigenmodes.Analyze(m, 4);
    }
}
