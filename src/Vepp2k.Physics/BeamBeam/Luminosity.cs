namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// Luminosity of one IP from the overlap of two head-on Gaussian bunches, hourglass included:
/// L = f0 N1 N2 integral of rho1 rho2, both bunches cut into equal-charge slices; slice i of bunch 1
/// meets slice j of bunch 2 at s = (z_i - z_j)/2, where their transverse overlap is
/// 1/(2 pi sqrt((Sx1 + Sx2)(Sy1 + Sy2))) with each bunch's variances there (beam-physics.md 2.1).
/// </summary>
public static class Luminosity
{
    /// <summary>[1/(m^2 s)] at revolution frequency f0 [Hz].</summary>
    public static double Overlap(double revolutionHz, GaussianBunch one, GaussianBunch two, int slices)
    {
        var z1 = Slicing.Centroids(one.SigmaZ, slices);
        var z2 = Slicing.Centroids(two.SigmaZ, slices);
        double sum = 0;
        foreach (double a in z1)
            foreach (double b in z2)
            {
                double s = (a - b) / 2;
                double vx = one.X.VarianceAt(s) + two.X.VarianceAt(s), vy = one.Y.VarianceAt(s) + two.Y.VarianceAt(s);
                double dx = one.CenterX - two.CenterX, dy = one.CenterY - two.CenterY;
                sum += Math.Exp(-dx * dx / (2 * vx) - dy * dy / (2 * vy)) / (2 * Math.PI * Math.Sqrt(vx * vy));
            }
        return revolutionHz * one.Population * two.Population * sum / (slices * slices);
    }

    /// <summary>
    /// The weak-strong estimator (beam-physics.md 3.4): f0 N_weak N_strong times the strong slices'
    /// density at each weak particle's collision points, averaged over the particles given (engine
    /// order x, px, y, py, delta, ct, at the IP) [1/(m^2 s)].
    /// </summary>
    public static double WeakStrong(double revolutionHz, double weakPopulation, SynchroBeamKick strong, IEnumerable<double[]> particles)
    {
        double sum = 0;
        int count = 0;
        foreach (var z in particles)
        {
            sum += strong.OverlapDensity(z);
            count++;
        }
        return count == 0 ? 0 : revolutionHz * weakPopulation * strong.Bunch.Population * sum / count;
    }
}
