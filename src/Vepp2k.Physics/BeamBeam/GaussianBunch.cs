namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// A rigid 6-D Gaussian bunch, the opposing (strong) bunch of a weak-strong simulation: of
/// <paramref name="Population"/> particles whose transverse moments at the IP are
/// <paramref name="X"/> and <paramref name="Y"/> in its own frame, turned by <paramref name="Tilt"/> about s from
/// the lab's (<see cref="BunchFrame"/>; zero for round or upright bunches, 45 degrees for VEPP-2000's flat
/// mode), rms length <paramref name="SigmaZ"/> [m], centred on (CenterX, CenterY) in the lab and
/// on z = -CenterCt, i.e. on the weak beam's closed orbit where that is not zero.
/// <paramref name="ChargeProduct"/> is q_strong q_weak in units of e^2: -1 for e+ against e-.
/// </summary>
public sealed record GaussianBunch(
    double Population, PlaneMoments X, PlaneMoments Y, double SigmaZ,
    double ChargeProduct = -1, double CenterX = 0, double CenterY = 0, double CenterCt = 0, double Tilt = 0)
{
    /// <summary>Bunch population from a beam current [A] in one bunch at revolution frequency f0 [Hz].</summary>
    public static double PopulationFromCurrent(double currentA, double revolutionHz) =>
        currentA / (Constants.ElementaryCharge * revolutionHz);

    /// <summary>
    /// Nominal beam-beam parameters felt by the weak beam of Lorentz factor gamma:
    /// xi_x = N r_e beta_x / (2 pi gamma sigma_x (sigma_x + sigma_y)) and likewise y (beam-physics.md
    /// 2.2), with the weak beam's beta* at the IP; for round beams both are N r_e beta* / (4 pi gamma sigma^2).
    /// </summary>
    public (double X, double Y) Xi(double gamma, double betaX, double betaY)
    {
        double sx = Math.Sqrt(X.Variance), sy = Math.Sqrt(Y.Variance);
        double k = Population * Constants.ClassicalElectronRadius / (2 * Math.PI * gamma * (sx + sy));
        return (k * betaX / sx, k * betaY / sy);
    }
}
