using Vepp2k.Physics.Optics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// Beam lifetime from the equilibrium distribution at the aperture. A mode whose action J is damped at 2/tau
/// (tau the amplitude damping time) and diffused by quantum excitation to a distribution of density rho(J)
/// loses, through an absorbing aperture at action J_a, about the flux that damping would carry back across it:
/// rate = (2 J_a / tau) rho(J_a). For the Gaussian beam, rho = e^(-J/eps)/eps, this is Sands's quantum lifetime
/// tau e^x / (2 x), x = J_a/eps = A_a^2/2 with A_a the aperture in rms units (M. Sands, SLAC-121 (1970) ch. 5), the
/// large-x limit of the exact mean time to reach the aperture, (tau/2)(Ei(x) - ln x - gamma_E), which is 24 % longer
/// at x = 6 and 2 % at x = 50 (A_a = 10). With the density measured (<see cref="TailDensity"/>, beam-beam tails
/// included) the same flux gives the lifetime the collisions leave, as Lifetrac estimates it from its tails.
/// </summary>
public static class BeamLifetime
{
    /// <summary>
    /// The exact mean time for a particle of the Gaussian beam's core to reach amplitude <paramref name="apertureAmplitude"/>
    /// [units of <paramref name="dampingTime"/>]: (tau/2) integral_0^x (e^v - 1)/v dv = (tau/2) sum_k x^k / (k k!).
    /// </summary>
    public static double Gaussian(double dampingTime, double apertureAmplitude)
    {
        double x = apertureAmplitude * apertureAmplitude / 2, term = 1, sum = 0;
        // The terms x^k/k! peak at k ~ x; past it they fall faster than geometrically.
        for (int k = 1; k < 100_000; k++)
        {
            term *= x / k;
            sum += term / k;
            if (k > x && term / k < 1e-17 * sum) break;
        }
        return dampingTime / 2 * sum;
    }

    /// <summary>
    /// The lifetime [units of <paramref name="dampingTime"/>] from a measured distribution: <paramref name="fractionBeyond"/>
    /// at <paramref name="thresholds"/> (rms units; <see cref="TailDensity.FractionBeyond"/>), taken as exponential in
    /// x = A^2/2 between the two thresholds around the aperture (exact for the Gaussian), and Sands's flux from its
    /// density there (the large-x form). Null where no sample reached the threshold beyond the aperture: then the
    /// distribution says only that the lifetime is longer than <see cref="Bound"/>.
    /// </summary>
    public static double? FromDensity(double dampingTime, double apertureAmplitude, IReadOnlyList<double> thresholds, IReadOnlyList<double> fractionBeyond)
    {
        var (below, above) = Around(thresholds, apertureAmplitude);
        if (!(fractionBeyond[above] > 0)) return null;
        return ExponentialTail(dampingTime, apertureAmplitude, thresholds, fractionBeyond, below, above);
    }

    /// <summary>
    /// The shortest lifetime consistent with no sample between the thresholds around the aperture: at most 3 of
    /// <paramref name="samples"/> (95 % for a Poisson count of zero), taken as if they were independent.
    /// </summary>
    public static double Bound(double dampingTime, double apertureAmplitude, IReadOnlyList<double> thresholds, long samples)
    {
        var (below, above) = Around(thresholds, apertureAmplitude);
        double density = 3.0 / Math.Max(1, samples) / (X(thresholds[above]) - X(thresholds[below]));
        return dampingTime / (2 * X(apertureAmplitude) * density);
    }

    /// <summary>
    /// The lifetime [units of <paramref name="dampingTime"/>] with the tail extrapolated to the aperture: where the
    /// samples thin out, P(A > a) is taken as exponential in x = a^2/2 with the slope of its last decade that still
    /// holds 30 samples (a Gaussian's slope is 1, beam-beam tails' smaller), and Sands's flux is taken from it. Null
    /// where the distribution holds no such decade. An extrapolation, and said to be one where it is printed.
    /// </summary>
    public static double? Extrapolated(double dampingTime, double apertureAmplitude, IReadOnlyList<double> thresholds,
        IReadOnlyList<double> fractionBeyond, long samples)
    {
        int last = -1;
        for (int i = 0; i < thresholds.Count; i++)
            if (fractionBeyond[i] * samples >= 30) last = i;
        int first = last;
        while (first > 0 && fractionBeyond[first] < 10 * fractionBeyond[last]) first--;
        if (last < 1 || fractionBeyond[first] < 10 * fractionBeyond[last]) return null;
        return ExponentialTail(dampingTime, apertureAmplitude, thresholds, fractionBeyond, first, last);
    }

    /// <summary>
    /// Each transverse mode's aperture in its rms units: the smallest over the ring of a / sqrt(eps beta) in x and
    /// in y, with the mode's Mais-Ripken betas (dispersion and the energy spread left out).
    /// </summary>
    public static double[] ApertureAmplitudes(LinearOptics optics, IReadOnlyList<double> emittances, double apertureX, double apertureY)
    {
        var result = new double[2];
        for (int mode = 0; mode < 2; mode++)
        {
            double least = double.PositiveInfinity;
            foreach (var row in optics.Rows)
            {
                var (bx, by) = mode == 0 ? (row.Beta11, row.Beta12) : (row.Beta21, row.Beta22);
                if (bx > 0) least = Math.Min(least, apertureX / Math.Sqrt(emittances[mode] * bx));
                if (by > 0) least = Math.Min(least, apertureY / Math.Sqrt(emittances[mode] * by));
            }
            result[mode] = least;
        }
        return result;
    }

    private static double X(double amplitude) => amplitude * amplitude / 2;

    // Sands's flux with P(A > a) exponential in x through its values at thresholds i < j: the density at the aperture is
    // slope P(x_a); null where the tail does not fall.
    private static double? ExponentialTail(double dampingTime, double apertureAmplitude, IReadOnlyList<double> thresholds,
        IReadOnlyList<double> fractionBeyond, int i, int j)
    {
        double slope = Math.Log(fractionBeyond[i] / fractionBeyond[j]) / (X(thresholds[j]) - X(thresholds[i]));
        double x = X(apertureAmplitude);
        double density = slope * fractionBeyond[j] * Math.Exp(-slope * (x - X(thresholds[j])));
        return density > 0 ? dampingTime / (2 * x * density) : null;
    }

    // The thresholds at or just below and just above the aperture (the last two beyond the table's reach).
    private static (int Below, int Above) Around(IReadOnlyList<double> thresholds, double amplitude)
    {
        int above = 1;
        while (above < thresholds.Count - 1 && thresholds[above] <= amplitude) above++;
        return (above - 1, above);
    }
}
