using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.BeamBeam;

/// <summary>
/// The quasi-strong-strong step of Lifetrac (D. Shatilov, Part. Accel. 52 (1996) 65; beam-physics.md 3.4): with
/// symmetric beams (equal currents, e+ and e- mirror images of each other) the strong bunch is a Gaussian with the
/// weak beam's own current moments, so the weak beam's blow-up (or its dynamic beta) reaches the bunch it collides
/// with, and tracking again against that bunch converges on the self-consistent sizes.
/// </summary>
public static class QuasiStrongStrong
{
    /// <summary>
    /// The strong bunches refreshed from the weak beam's beam matrix <paramref name="measured"/> at the first IP (lab
    /// frame). Each plane of each bunch scales by the weak beam's change there against its no-collision equilibrium
    /// <paramref name="equilibrium"/> (in the strong bunch's frame, turned by <paramref name="tilt"/>): the variance by
    /// the ratio of variances, the angle variance by that of angle variances, the covariance by their geometric mean,
    /// the length by the ratio of rms lengths. At the first IP this gives the measured moments themselves; the other
    /// IPs take the same ratios, exact where the IPs are equivalent (VEPP-2000's two are mirror images), an
    /// approximation elsewhere. Centres, tilts and populations are kept.
    /// </summary>
    public static IReadOnlyList<GaussianBunch> Refreshed(IReadOnlyList<GaussianBunch> strong, Matrix6 equilibrium, Matrix6 measured, double tilt)
    {
        var m = BunchFrame.Turned(measured, tilt);
        foreach (int k in new[] { 0, 1, 2, 3, 5 })
            if (!(m[k, k] > 0) || !double.IsFinite(m[k, k]))
                throw new OpticsException("the weak beam has no size in one plane: no strong bunch can be made from it");
        (double Size, double Angle) Ratio(int plane) => (m[plane, plane] / equilibrium[plane, plane], m[plane + 1, plane + 1] / equilibrium[plane + 1, plane + 1]);
        var (u, v) = (Ratio(0), Ratio(2));
        double length = Math.Sqrt(m[5, 5] / equilibrium[5, 5]);
        static PlaneMoments Scaled(PlaneMoments p, (double Size, double Angle) r) =>
            new(p.Variance * r.Size, p.Covariance * Math.Sqrt(r.Size * r.Angle), p.AngleVariance * r.Angle);
        return [.. strong.Select(b => b with { X = Scaled(b.X, u), Y = Scaled(b.Y, v), SigmaZ = b.SigmaZ * length })];
    }
}
