namespace Vepp2k.Physics.Optics;

/// <summary>
/// Lattice functions at the exit of one element. BETX/ALFX/BETY/ALFY are Edwards-Teng (as MAD-X
/// TWISS prints them; the plain Courant-Snyder functions when uncoupled); BETA11..BETA22 are the
/// Mais-Ripken projections beta_(mode, plane); MUX/MUY are the mode phase advances in units of 2 pi.
/// </summary>
public sealed record TwissRow(
    string Name, string Keyword, double S, double L,
    double BetX, double AlfX, double MuX, double BetY, double AlfY, double MuY,
    double Dx, double Dpx, double Dy, double Dpy,
    double Beta11, double Beta12, double Beta21, double Beta22,
    double Alfa11, double Alfa12, double Alfa21, double Alfa22,
    double X, double Px, double Y, double Py,
    double CouplingGamma, double C11, double C12, double C21, double C22, bool ModesFlipped)
{
    /// <summary>
    /// Each plane's beta and alpha summed over both modes (beta_11 + beta_21, ...): the beam size for equal mode
    /// emittances. Unlike the Edwards-Teng functions they stay defined when the two eigen-tunes coincide.
    /// </summary>
    public double BetaXBothModes => Beta11 + Beta21;
    public double BetaYBothModes => Beta12 + Beta22;
    public double AlfaXBothModes => Alfa11 + Alfa21;
    public double AlfaYBothModes => Alfa12 + Alfa22;
}
