namespace Vepp2k.Physics.Optics;

/// <summary>
/// Initial conditions of a transfer line, uncoupled, in MAD-X's names: beta [m], alpha, dispersion [m]
/// and its slope, the orbit [m, rad] and the momentum deviation.
/// </summary>
public sealed record TwissInitial(double BetX, double AlfX, double BetY, double AlfY,
    double Dx = 0, double Dpx = 0, double Dy = 0, double Dpy = 0,
    double X = 0, double Px = 0, double Y = 0, double Py = 0, double Delta = 0)
{
    /// <summary>The uncoupled functions of a ring's row, to start a line where the ring's optics is.</summary>
    public static TwissInitial From(TwissRow row) =>
        new(row.BetX, row.AlfX, row.BetY, row.AlfY, row.Dx, row.Dpx, row.Dy, row.Dpy, row.X, row.Px, row.Y, row.Py);
}
