using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// The round-beam integral of beam-physics.md 1.1: with a ring map R(theta)(A + A) that commutes with
/// rotations about s and a round strong bunch, M_z = x py - y px is conserved, however strong and
/// nonlinear the kick (here xi = 0.1, 5 slices, hourglass, synchrotron motion); an elliptical strong
/// bunch breaks it.
/// </summary>
public class AngularMomentumTests
{
    private const int Turns = 10_000;
    private const double Beta = 0.1, Sigma = 1e-4;

    private static double[] Drifts(double sigmaX, double sigmaY)
    {
        var bunch = new GaussianBunch(BeamBeamRings.PopulationForXi(0.1, Sigma, Beta),
            PlaneMoments.FromTwiss(sigmaX * sigmaX / Beta, Beta), PlaneMoments.FromTwiss(sigmaY * sigmaY / Beta, Beta), 0.033);
        // Equal tunes (same 2x2 block in both planes), a rotation by 0.3 rad, a synchrotron tune of 0.01.
        var map = BeamBeamRings.OneTurn(0.131, 0.131, Beta, Beta, qs: 0.01, betaZ: 0.033 / 7e-4, theta: 0.3);
        var ring = BeamBeamRings.Ring(bunch, 5, map);
        (double X, double Px, double Y, double Py, double Ct)[] launches =
            [(1, 0.5, -0.7, 1.2, 0.5), (2.5, -1, 0.4, 0.3, -1), (0.3, 2, 1.5, -0.8, 1.5), (-1.2, -0.4, 2, 1, 0)];
        var beam = new ParticleBuffer(launches.Length);
        for (int i = 0; i < launches.Length; i++)
        {
            var l = launches[i];
            beam.Set(i, [l.X * Sigma, l.Px * Sigma / Beta, l.Y * Sigma, l.Py * Sigma / Beta, 0, l.Ct * 0.033]);
        }
        var record = new TurnRecord(launches.Length, Turns);
        new RingTracker(ring, new TrackingOptions(ApertureX: 1, ApertureY: 1, Threads: 1)).Track(beam, Turns, record: record);
        return [.. Enumerable.Range(0, launches.Length).Select(i =>
        {
            ReadOnlySpan<double> x = record.XOf(i), px = record.PxOf(i), y = record.YOf(i), py = record.PyOf(i);
            double m0 = x[0] * py[0] - y[0] * px[0], worst = 0;
            for (int t = 0; t < Turns; t++) worst = Math.Max(worst, Math.Abs(x[t] * py[t] - y[t] * px[t] - m0));
            return worst / Math.Abs(m0);
        })];
    }

    [Fact]
    public void RoundBeamsConserveTheAngularMomentum()
    {
        foreach (double drift in Drifts(Sigma, Sigma)) Assert.True(drift < 1e-10, $"M_z drifted by {drift:E2} of itself");
    }

    [Fact]
    public void FlatBeamsDoNot()
    {
        foreach (double drift in Drifts(Sigma * Math.Sqrt(2), Sigma / Math.Sqrt(2))) Assert.True(drift > 1e-3, $"M_z drifted by only {drift:E2}");
    }
}
