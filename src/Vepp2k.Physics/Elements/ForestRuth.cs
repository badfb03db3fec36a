namespace Vepp2k.Physics.Elements;

/// <summary>
/// Coefficients of the fourth-order symplectic drift-kick integrator (Forest and Ruth 1990;
/// Yoshida 1990), as in pyAT's *Symplectic4 passes: drifts W1/2, (W0+W1)/2, (W0+W1)/2, W1/2 and
/// kicks W1, W0, W1 of the step length; both sets sum to one.
/// </summary>
public static class ForestRuth
{
    private static readonly double Cube2 = Math.Cbrt(2);
    public static readonly double W1 = 1 / (2 - Cube2);
    public static readonly double W0 = -Cube2 / (2 - Cube2);
}
