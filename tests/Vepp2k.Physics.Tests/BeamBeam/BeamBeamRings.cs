using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Elements;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// The analytic test ring of beam-physics.md 1.1 and 3.6: one IP with a beam-beam kick, the rest of
/// the ring one linear map (betatron rotations at the IP's beta*, alpha* = 0, an optional
/// synchrotron rotation, an optional x-y rotation), 1 GeV electrons.
/// </summary>
internal static class BeamBeamRings
{
    public const double EnergyEv = 1e9;
    public static double Gamma => Constants.Gamma(EnergyEv);

    /// <summary>Population that gives the round-beam xi = N r_e beta* / (4 pi gamma sigma^2).</summary>
    public static double PopulationForXi(double xi, double sigma, double beta) =>
        xi * 4 * Math.PI * Gamma * sigma * sigma / (Constants.ClassicalElectronRadius * beta);

    /// <summary>A one-turn map: betatron rotations (tunes qx, qy at beta*), synchrotron rotation, then a rotation by theta about s.</summary>
    public static Matrix6 OneTurn(double qx, double qy, double betaX, double betaY, double qs = 0, double betaZ = 1, double theta = 0)
    {
        var m = new Matrix6();
        Block(m, 0, qx, betaX);
        Block(m, 2, qy, betaY);
        Block(m, 4, qs, betaZ);
        if (theta == 0) return m;
        var r = Matrix6.Identity();
        var (s, c) = Math.SinCos(theta);
        for (int k = 0; k < 2; k++)
        {
            r[k, k] = c; r[k, k + 2] = s;
            r[k + 2, k] = -s; r[k + 2, k + 2] = c;
        }
        return r * m;
    }

    private static void Block(Matrix6 m, int at, double q, double beta)
    {
        var (s, c) = Math.SinCos(2 * Math.PI * q);
        m[at, at] = c; m[at, at + 1] = beta * s;
        m[at + 1, at] = -s / beta; m[at + 1, at + 1] = c;
    }

    public static Lattice Ring(GaussianBunch strong, int slices, Matrix6 oneTurn) =>
        new("bb-test", [new BeamBeamKick("IP", new SynchroBeamKick(strong, slices, Gamma)), new LinearMap("ARC", 24.388, oneTurn)], EnergyEv);
}
