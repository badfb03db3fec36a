using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Tracking;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// Tunes of particles tracked through one thin beam-beam collision and a linear ring map, against
/// the analytic beam-beam parameter (beam-physics.md 2.2) and the round-beam detuning integral (3.6).
/// </summary>
public class BeamBeamTuneTests
{
    private const int Turns = 4096;

    // Tunes (NAFF on x, beta px and y, beta py) of particles launched at the given (x, y) with zero angles.
    private static (double Qx, double Qy)[] Tunes(Lattice ring, double betaX, double betaY, params (double X, double Y)[] launches)
    {
        var beam = new ParticleBuffer(launches.Length);
        for (int i = 0; i < launches.Length; i++) beam.Set(i, [launches[i].X, 0, launches[i].Y, 0, 0, 0]);
        var record = new TurnRecord(launches.Length, Turns);
        new RingTracker(ring, new TrackingOptions(ApertureX: 1, ApertureY: 1, Threads: 1)).Track(beam, Turns, record: record);
        return [.. Enumerable.Range(0, launches.Length).Select(i => (
            Naff.Tune(record.XOf(i), record.PxOf(i).ToArray().Select(p => p * betaX).ToArray()),
            Naff.Tune(record.YOf(i), record.PyOf(i).ToArray().Select(p => p * betaY).ToArray())))];
    }

    // Round: xi = N r_e beta*/(4 pi gamma sigma^2) = 1e-3 in both planes; flat: sigma_x = 4 sigma_y with
    // unequal beta*, xi_x,y = N r_e beta_x,y/(2 pi gamma sigma_x,y (sigma_x + sigma_y)). Small amplitude
    // (1e-3 sigma): the tune moves by xi to 1 % (the exact linear shift differs from xi by ~0.3 % here).
    [Theory]
    [InlineData(1e-4, 1e-4, 0.1, 0.1)]
    [InlineData(2e-4, 0.5e-4, 0.4, 0.05)]
    public void SmallAmplitudeTuneShiftIsXi(double sigmaX, double sigmaY, double betaX, double betaY)
    {
        const double qx = 0.131, qy = 0.187, target = 1e-3;
        double n = target * 2 * Math.PI * BeamBeamRings.Gamma * sigmaY * (sigmaX + sigmaY) / (Constants.ClassicalElectronRadius * betaY);
        var bunch = new GaussianBunch(n, new PlaneMoments(sigmaX * sigmaX, 0, 0), new PlaneMoments(sigmaY * sigmaY, 0, 0), 0);
        var (xiX, xiY) = bunch.Xi(BeamBeamRings.Gamma, betaX, betaY);
        var ring = BeamBeamRings.Ring(bunch, 1, BeamBeamRings.OneTurn(qx, qy, betaX, betaY));
        var tunes = Tunes(ring, betaX, betaY, (1e-3 * sigmaX, 1e-3 * sigmaY))[0];
        Assert.Equal(xiX, tunes.Qx - qx, 0.01 * xiX);
        Assert.Equal(xiY, tunes.Qy - qy, 0.01 * xiY);
    }

    // Detuning with amplitude of a round beam, Delta Q_x / xi at amplitudes (a_x, a_y) in sigma: the
    // integral formula's column of the table in beam-physics.md 3.6 (xi = 1e-4; "0" launched as 1e-3 sigma
    // so the plane has a tune to measure).
    [Theory]
    [InlineData(0, 0, 1.0000)]
    [InlineData(1, 0, 0.83593)]
    [InlineData(2, 0, 0.53424)]
    [InlineData(3, 0, 0.31670)]
    [InlineData(5, 0, 0.13390)]
    [InlineData(1, 1, 0.74858)]
    [InlineData(2, 2, 0.39153)]
    [InlineData(3, 3, 0.20386)]
    [InlineData(0, 3, 0.49865)]
    [InlineData(0, 5, 0.31256)]
    public void DetuningWithAmplitudeFollowsTheRoundBeamIntegral(double ax, double ay, double expected)
    {
        const double sigma = 1e-4, beta = 0.1, xi = 1e-4, qx = 0.131, qy = 0.187;
        var plane = new PlaneMoments(sigma * sigma, 0, 0);
        var bunch = new GaussianBunch(BeamBeamRings.PopulationForXi(xi, sigma, beta), plane, plane, 0);
        var ring = BeamBeamRings.Ring(bunch, 1, BeamBeamRings.OneTurn(qx, qy, beta, beta));
        var tunes = Tunes(ring, beta, beta, (Math.Max(ax, 1e-3) * sigma, Math.Max(ay, 1e-3) * sigma))[0];
        Assert.Equal(expected, (tunes.Qx - qx) / xi, 1e-3);
    }
}
