using System.Runtime.Intrinsics;
using Vepp2k.Physics.BeamBeam;
using Vepp2k.Physics.Numerics;

namespace Vepp2k.Physics.Tests.BeamBeam;

/// <summary>
/// The SIMD beam-beam kick against the scalar one, particle by particle: the same map to rounding, whichever
/// branch of the field (round, elliptical, or mixed: lanes whose collision points see different branches) the
/// lanes take.
/// </summary>
public class BeamBeamKickVectorTests
{
    private const double Beta = 0.1, SigmaZ = 0.039;

    // Exactly round; nearly round (the design's 148.27 / 148.26 um: relative variance difference 1.3e-4); round at
    // the IP with unequal betas, so that the sizes part along the bunch and lanes take different branches; flat;
    // flat turned by 45 degrees.
    public static TheoryData<double, double, double, double> Bunches => new()
    {
        { 2.2e-7, 2.2e-7, Beta, 0 },
        { 2.1983e-7, 2.1980e-7, Beta, 0 },
        { 2.42e-7, 2.2e-7, 0.11, 0 },
        { 4.6e-7, 1e-8, Beta, 0 },
        { 4.6e-7, 1e-8, Beta, Math.PI / 4 },
    };

    [Theory]
    [MemberData(nameof(Bunches))]
    public void Vector_kick_equals_the_scalar_kick_lane_by_lane(double emittanceX, double emittanceY, double betaY, double tilt)
    {
        var bunch = new GaussianBunch(6e10, PlaneMoments.FromTwiss(emittanceX, Beta), PlaneMoments.FromTwiss(emittanceY, betaY), SigmaZ,
            CenterX: 1e-6, CenterY: -2e-6, CenterCt: 1e-4, Tilt: tilt);
        var kick = new SynchroBeamKick(bunch, 7, 1957);
        double sx = Math.Sqrt(emittanceX * Beta), sy = Math.Sqrt(emittanceY * Beta);
        var random = new Random(11);
        for (int trial = 0; trial < 50; trial++)
        {
            var lanes = new double[4][];
            for (int lane = 0; lane < 4; lane++)
                lanes[lane] = [sx * 3 * (random.NextDouble() - 0.5), 3 * sx / Beta * (random.NextDouble() - 0.5), sy * 3 * (random.NextDouble() - 0.5),
                    3 * sy / Beta * (random.NextDouble() - 0.5), 1e-3 * (random.NextDouble() - 0.5), 3 * SigmaZ * (random.NextDouble() - 0.5)];
            var p = new Phase<Vec4>(Gather(lanes, 0), Gather(lanes, 1), Gather(lanes, 2), Gather(lanes, 3), Gather(lanes, 4), Gather(lanes, 5));
            kick.Apply(ref p);
            for (int lane = 0; lane < 4; lane++)
            {
                var z = lanes[lane];
                double[] before = [.. z];
                kick.Apply(z);
                double[] vector = [p.X[lane], p.Px[lane], p.Y[lane], p.Py[lane], p.Delta[lane], p.Ct[lane]];
                for (int i = 0; i < 6; i++)
                {
                    // The energy kick carries Bassetti-Erskine's G terms, which lose ~1e-14/d^2 to cancellation in both
                    // codes (d the relative variance difference, 1.3e-4 for the nearly round bunch): their roundings differ there.
                    double change = Math.Abs(z[i] - before[i]), relative = i == 4 ? 1e-6 : 1e-12;
                    Assert.True(Math.Abs(vector[i] - z[i]) <= relative * change + 1e-15 * Math.Abs(z[i]) + 1e-20, $"coordinate {i}: vector {vector[i]:R}, scalar {z[i]:R}, change {change:E2}");
                }
            }
        }
    }

    private static Vec4 Gather(double[][] lanes, int coordinate) =>
        new(Vector256.Create(lanes[0][coordinate], lanes[1][coordinate], lanes[2][coordinate], lanes[3][coordinate]));
}
